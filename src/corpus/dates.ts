// The date an article's own text gives, for articles without metadata: a full date in the dateline
// ("2024年4月26日"), a month and day there ("2月21日") completed with a year stated close to it,
// or a year and month ("2024年4月"). Nothing is guessed beyond that: no date means "date unknown".
import { dateFromText } from './metadata.js';

const HEAD = 300;
const pad = (n: string) => n.padStart(2, '0');
const valid = (m: string, d?: string) => Number(m) >= 1 && Number(m) <= 12 && (d === undefined || (Number(d) >= 1 && Number(d) <= 31));

/** How far from a "2月21日" a year may be stated to complete it ("…2月21日,…审议…2023年重点工作任务"). */
const NEAR = 300;

export function dateInText(text: string, now = new Date()): string | undefined {
  const full = dateFromText(text);
  if (full) return full;
  const head = text.slice(0, HEAD);
  const md = /(?<![\d年])(\d{1,2})月(\d{1,2})日/.exec(head);
  if (md && valid(md[1]!, md[2]!)) {
    // The nearest year stated around the dateline; a target year ("到2027年", a future year) says nothing of when the article was written.
    const years = [...text.matchAll(/(?<![\d到至])((?:19|20)\d{2})年/g)]
      .filter((m) => Number(m[1]) <= now.getUTCFullYear() && Math.abs(m.index - md.index) <= NEAR)
      .sort((a, b) => Math.abs(a.index - md.index) - Math.abs(b.index - md.index));
    if (years.length) return `${years[0]![1]}-${pad(md[1]!)}-${pad(md[2]!)}`;
  }
  const ym = /(?<!\d)((?:19|20)\d{2})年(\d{1,2})月(?!\d{1,2}日)/.exec(head);
  if (ym && valid(ym[2]!)) return `${ym[1]}-${pad(ym[2]!)}`;
  return undefined;
}

/** A headline for an article with no heading at all: its first sentence, shortened. */
export function leadTitle(text: string, max = 40): string | undefined {
  const first = text.trim().split(/\n/)[0]?.trim() ?? '';
  const sentence = /^[^。！？!?]+/.exec(first)?.[0]?.trim() ?? first;
  if (!sentence) return undefined;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}
