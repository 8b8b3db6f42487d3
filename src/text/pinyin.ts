// Homophone typos (拼音输入法 slips: 威智 for 威致, 同南 for 潼南): a word the coverage never uses is looked
// up among the coverage's own words of the same length that share a character in the same place and
// sound alike. Sounding alike is compared on toneless pinyin with the finals and initials that IME users
// commonly confuse folded together (zh/z, ch/c, sh/s, n/l, -ng/-n).
import { createRequire } from 'node:module';
import type { pinyin as pinyinFn } from 'pinyin-pro';
import { isCjk } from './chars.js';

// Loaded on first use: most questions have no unknown words, and a cold `ask` should not pay for it.
let pinyin: typeof pinyinFn | undefined;
const toPinyin = (text: string): string[] =>
  (pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof pinyinFn }).pinyin)(text, { toneType: 'none', type: 'array' });

/** Toneless, fuzzy-folded pinyin of a word, one syllable per character, joined by spaces. */
export function pinyinKey(word: string): string {
  return toPinyin(word)
    .map((s) =>
      s
        .toLowerCase()
        .replace(/^([zcs])h/, '$1')
        .replace(/^l/, 'n')
        .replace(/ng$/, 'n'),
    )
    .join(' ');
}

const MIN_LENGTH = 2;
const MAX_LENGTH = 6;

export class HomophoneFinder {
  /** Words by "length:position:character" (built on first use: most questions never need it). */
  private byChar: Map<string, string[]> | undefined;
  private readonly keys = new Map<string, string>();

  constructor(private readonly vocabulary: () => Iterable<string>) {}

  private index(): Map<string, string[]> {
    if (this.byChar) return this.byChar;
    const map = new Map<string, string[]>();
    for (const term of this.vocabulary()) {
      if (term.length < MIN_LENGTH || term.length > MAX_LENGTH || ![...term].every(isCjk)) continue;
      [...term].forEach((ch, i) => {
        const k = `${term.length}:${i}:${ch}`;
        const list = map.get(k);
        if (list) list.push(term);
        else map.set(k, [term]);
      });
    }
    return (this.byChar = map);
  }

  private keyOf(term: string): string {
    let k = this.keys.get(term);
    if (k === undefined) this.keys.set(term, (k = pinyinKey(term)));
    return k;
  }

  /**
   * Coverage words that sound like `word` and share at least one character with it in the same place. An
   * IME slips a whole word at a time (zhangyucheng → 张玉成 for 张誉铖): every character but the surname may
   * differ, while the same toneless pinyin over three or more syllables is rare by chance.
   */
  find(word: string): string[] {
    const chars = [...word];
    if (chars.length < MIN_LENGTH || chars.length > MAX_LENGTH || !chars.every(isCjk)) return [];
    const index = this.index();
    const candidates = new Set<string>();
    chars.forEach((ch, i) => index.get(`${chars.length}:${i}:${ch}`)?.forEach((t) => candidates.add(t)));
    candidates.delete(word);
    const key = this.keyOf(word);
    return [...candidates].filter((t) => {
      const differing = [...t].filter((ch, i) => ch !== chars[i]).length;
      return differing < chars.length && this.keyOf(t) === key;
    });
  }
}
