// jieba's dictionary (with the supplement) and its IDF table as one sorted word list with typed arrays
// beside it, kept as a binary file next to the index. A question then needs neither jieba's 350k-word
// dictionary loaded (≈0.2 s, ≈50 MB) nor the IDF table parsed (≈0.1 s): the few dictionary words that
// occur in a text are found by binary search, and a tiny jieba is built from them (see segment.ts).
import { checksum } from '../index/checksum.js';

/** Bump when the file layout or what build() derives changes. */
export const WORD_TABLE_FORMAT = 1;
const MAGIC = 0x3157_424a; // "JBW1", little-endian

/** The characters Rust's `str::split_whitespace` (jieba's dictionary parser) splits at. */
const RUST_WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

export class WordTableError extends Error {}

/** Dictionary entries as jieba's load_dict keeps them: a repeated word takes the new frequency, keeps its first tag. */
export function parseDictInto(text: string, records: Map<string, { freq: number; tag: string }>): void {
  for (const line of text.split('\n')) {
    const [word, freqText, tag = ''] = line.split(RUST_WHITESPACE).filter(Boolean);
    if (!word) continue;
    const freq = freqText === undefined ? 0 : Number(freqText);
    if (!/^\+?\d+$/.test(freqText ?? '0') || !Number.isSafeInteger(freq)) throw new WordTableError(`dictionary line "${line}": frequency is not a whole number`);
    const known = records.get(word);
    if (known) known.freq = freq;
    else records.set(word, { freq, tag });
  }
}

/** jieba's IDF table ("word idf" lines) as the search side reads it: only words commoner than `rareIdf`. */
export function parseIdf(text: string, rareIdf: number, visit: (word: string, idf: number) => void): void {
  for (let i = 0; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    const sp = text.lastIndexOf(' ', end);
    if (sp > i) {
      const idf = Number(text.slice(sp + 1, end));
      if (idf < rareIdf) visit(text.slice(i, sp), idf);
    }
    i = end + 1;
  }
}

interface Header {
  format: number;
  count: number;
  chars: number;
  /** Sum of all dictionary frequencies: jieba's `total`, which a tiny dictionary must keep. */
  total: number;
  /** Longest dictionary word, UTF-16 code units. */
  maxLen: number;
  tags: string[];
  /** xxHash64 of everything after the header. */
  sum: string;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Where the body's arrays start (IDFs, offsets, frequencies, tags, characters; 8-aligned) and its size. */
function layout(count: number, chars: number): { at: number[]; size: number } {
  const at: number[] = [];
  let pos = 0;
  for (const bytes of [count * 8, (count + 1) * 4, count * 4, count, chars * 2]) {
    pos = align8(pos);
    at.push(pos);
    pos += bytes;
  }
  return { at, size: pos + 8 };
}

export class WordTable {
  private constructor(
    private readonly header: Header,
    /** Per word: jieba IDF (NaN: none below the cap). */
    private readonly idfs: Float64Array,
    /** Word i is chars[offsets[i] .. offsets[i+1]). */
    private readonly offsets: Uint32Array,
    private readonly freqs: Uint32Array,
    /** 0: not a dictionary word (IDF only); else 1 + index into header.tags. */
    private readonly tagIds: Uint8Array,
    private readonly chars: Uint16Array,
    /** The serialised form (what fromBuffer read, or what build wrote). */
    readonly buffer: Buffer,
  ) {}

  get count(): number {
    return this.header.count;
  }

  get total(): number {
    return this.header.total;
  }

  /** From jieba's dictionary text, the supplement's "word freq tag" lines (loaded after it) and the IDF table. */
  static build(dict: string, supplement: string, idf: string, rareIdf: number): WordTable {
    const records = new Map<string, { freq: number; tag: string }>();
    parseDictInto(dict, records);
    parseDictInto(supplement, records);
    const idfs = new Map<string, number>();
    parseIdf(idf, rareIdf, (w, v) => idfs.set(w, v));
    const words = [...new Set([...records.keys(), ...idfs.keys()])].sort();
    const tags = [...new Set([...records.values()].map((r) => r.tag))];
    if (tags.length > 255) throw new WordTableError('more than 255 distinct tags');
    let total = 0;
    let maxLen = 0;
    let chars = 0;
    for (const [w, r] of records) {
      if (r.freq > 0xffff_ffff) throw new WordTableError(`frequency of ${w} does not fit 32 bits`);
      total += r.freq;
      maxLen = Math.max(maxLen, w.length);
    }
    for (const w of words) chars += w.length;
    const count = words.length;
    const { at, size } = layout(count, chars);
    const body = Buffer.alloc(size);
    const idfArr = new Float64Array(body.buffer, body.byteOffset + at[0]!, count);
    const offArr = new Uint32Array(body.buffer, body.byteOffset + at[1]!, count + 1);
    const freqArr = new Uint32Array(body.buffer, body.byteOffset + at[2]!, count);
    const tagArr = new Uint8Array(body.buffer, body.byteOffset + at[3]!, count);
    const charArr = new Uint16Array(body.buffer, body.byteOffset + at[4]!, chars);
    const tagIndex = new Map(tags.map((t, i) => [t, i + 1]));
    let c = 0;
    words.forEach((w, i) => {
      offArr[i] = c;
      for (let k = 0; k < w.length; k++) charArr[c++] = w.charCodeAt(k);
      idfArr[i] = idfs.get(w) ?? NaN;
      const r = records.get(w);
      if (r) {
        freqArr[i] = r.freq;
        tagArr[i] = tagIndex.get(r.tag)!;
      }
    });
    offArr[count] = c;
    const header: Header = { format: WORD_TABLE_FORMAT, count, chars, total, maxLen, tags, sum: checksum(body) };
    const head = Buffer.from(JSON.stringify(header));
    const start = align8(8 + head.length);
    const buffer = Buffer.alloc(start + body.length);
    buffer.writeUInt32LE(MAGIC, 0);
    buffer.writeUInt32LE(head.length, 4);
    head.copy(buffer, 8);
    body.copy(buffer, start);
    return WordTable.fromBuffer(buffer);
  }

  /** Reads the serialised form; throws WordTableError when it is not one (or damaged). */
  static fromBuffer(buffer: Buffer): WordTable {
    if (buffer.length < 8 || buffer.readUInt32LE(0) !== MAGIC) throw new WordTableError('not a word table');
    const headLen = buffer.readUInt32LE(4);
    let header: Header;
    try {
      header = JSON.parse(buffer.toString('utf8', 8, 8 + headLen)) as Header;
    } catch {
      throw new WordTableError('word table header is damaged');
    }
    if (header.format !== WORD_TABLE_FORMAT) throw new WordTableError(`word table format ${header.format}, expected ${WORD_TABLE_FORMAT}`);
    const start = align8(8 + headLen);
    // The typed arrays view the body in place when it sits at an 8-aligned address (a file read whole
    // does), else in an aligned copy.
    const body = (buffer.byteOffset + start) % 8 === 0 ? buffer.subarray(start) : Buffer.from(buffer.subarray(start));
    if (checksum(body) !== header.sum) throw new WordTableError('word table checksum mismatch');
    const { count, chars } = header;
    const { at, size } = layout(count, chars);
    if (size !== body.length) throw new WordTableError('word table has the wrong size');
    const ab = body.buffer;
    const o = body.byteOffset;
    return new WordTable(
      header,
      new Float64Array(ab, o + at[0]!, count),
      new Uint32Array(ab, o + at[1]!, count + 1),
      new Uint32Array(ab, o + at[2]!, count),
      new Uint8Array(ab, o + at[3]!, count),
      new Uint16Array(ab, o + at[4]!, chars),
      buffer,
    );
  }

  /** Index of `word`, or -1. */
  find(word: string): number {
    let lo = 0;
    let hi = this.header.count;
    for (let k = 0; k < word.length && lo < hi; k++) {
      lo = this.narrow(lo, hi, k, word.charCodeAt(k));
      hi = this.narrowEnd;
    }
    return lo < hi && this.offsets[lo + 1]! - this.offsets[lo]! === word.length ? lo : -1;
  }

  /** The word's IDF (below the cap given to build), or undefined. */
  idf(word: string): number | undefined {
    const i = this.find(word);
    if (i < 0) return undefined;
    const v = this.idfs[i]!;
    return Number.isNaN(v) ? undefined : v;
  }

  /**
   * Every dictionary word that occurs in `text`, as "word freq tag" lines (the entry as jieba ends up
   * holding it), skipping the words for which `seen` (called with each found index) returns false.
   */
  dictWordsIn(text: string, take: (index: number) => boolean): string[] {
    const out: string[] = [];
    const { count, maxLen, tags } = this.header;
    for (let i = 0; i < text.length; i++) {
      let lo = 0;
      let hi = count;
      for (let k = 0; k < maxLen && i + k < text.length; k++) {
        lo = this.narrow(lo, hi, k, text.charCodeAt(i + k));
        hi = this.narrowEnd;
        if (lo >= hi) break;
        // The range's first word is the prefix itself when it is that long.
        if (this.offsets[lo + 1]! - this.offsets[lo]! === k + 1 && this.tagIds[lo]! > 0 && take(lo)) {
          out.push(`${text.slice(i, i + k + 1)} ${this.freqs[lo]} ${tags[this.tagIds[lo]! - 1]}`);
        }
      }
    }
    return out;
  }

  /** End of the range the last narrow() found (kept in a field: no tuple per step on this hot path). */
  private narrowEnd = 0;

  /**
   * Within [lo, hi) — words sharing their first k code units — the sub-range whose code unit k is `c`
   * (a word of length k sorts first, as -1): returns its start, its end in narrowEnd.
   */
  private narrow(lo: number, hi: number, k: number, c: number): number {
    const { offsets, chars } = this;
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      const s = offsets[m]! + k;
      if ((s < offsets[m + 1]! ? chars[s]! : -1) < c) a = m + 1;
      else b = m;
    }
    let e = a;
    b = hi;
    while (e < b) {
      const m = (e + b) >>> 1;
      const s = offsets[m]! + k;
      if ((s < offsets[m + 1]! ? chars[s]! : -1) <= c) e = m + 1;
      else b = m;
    }
    this.narrowEnd = e;
    return a;
  }

  /** Whether any dictionary word contains `ch` (the filler of a tiny dictionary must not). */
  containsChar(ch: number): boolean {
    return this.chars.includes(ch);
  }
}
