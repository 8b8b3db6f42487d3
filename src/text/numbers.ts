// Chinese numerals → digits where they are clearly numbers (dates, years, counts before a measure
// word), so "二〇二四年", "四月二十三日" and "二十三家" meet "2024年", "4月23日" and "23家".
// Set phrases such as 一带一路, 三个作用 or 十四五 are left alone: a lone numeral is only converted
// inside a date.

const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a numeral like 二十三, 一百零五, 三千 (no 万/亿: those stay as units in the text). */
export function chineseToNumber(s: string): number | undefined {
  if (!s) return undefined;
  if ([...s].every((c) => c in DIGIT) && s.length > 1) return Number([...s].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c in DIGIT) current = DIGIT[c]!;
    else if (c in UNIT) {
      total += (current || 1) * UNIT[c]!;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

const N = '[〇零一二三四五六七八九十百千两]';
const MEASURE = '[年月日号家个列项条台套吨天次名所类倍人元周岁亿万]';

export function normalizeNumbers(text: string): string {
  return text
    .replace(new RegExp(`([〇零一二三四五六七八九]{4})年`, 'g'), (m, y: string) => `${chineseToNumber(y) ?? y}年`)
    .replace(new RegExp(`(${N}{1,3})月(${N}{1,3})日`, 'g'), (m, a: string, b: string) => {
      const mo = chineseToNumber(a);
      const d = chineseToNumber(b);
      return mo && d && mo <= 12 && d <= 31 ? `${mo}月${d}日` : m;
    })
    .replace(new RegExp(`(?<![\\u4e00-\\u9fff])(${N}{1,2})月(?=份|[上中下]旬|底|初|\\d|[\\u4e00-\\u9fff])`, 'g'), (m, a: string) => {
      const mo = chineseToNumber(a);
      return mo && mo <= 12 ? `${mo}月` : m;
    })
    // Only a numeral with 十/百/千: a run of digits before a measure word is an estimate (三四家, 五六个) or
    // two words (唯一一家), never the number its digits spell; nor is 几十, 数百, 上千, 近百 (an estimate).
    // A round figure and 多/余 before the measure (一千八百多列 → 1800多列) is one too.
    .replace(new RegExp(`(?<![几数上近])(${N}*[十百千]${N}*)(?=[多余]?${MEASURE})`, 'g'), (m, a: string) => {
      const v = chineseToNumber(a);
      return v === undefined ? m : String(v);
    });
}
