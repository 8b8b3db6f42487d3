// BM25F over jieba-segmented text. Besides the passage text, its section heading and article title are
// indexed as weaker fields: a question naming a district finds that district's section even when the
// paragraph itself only says "该区".
//
// Why not a general-purpose search library here: at a newsroom archive's scale (100k passages) the
// question's terms touch tens of thousands of postings, and building per-document result objects costs
// milliseconds per query, and parsing a JSON index costs seconds at start-up. Postings in typed arrays
// with precomputed term weights score a query in one tight loop, and load from disk as they are.
// (The evaluation baseline in src/eval/ still uses MiniSearch, the library this replaced.)
import { terms } from '../text/segment.js';

export interface LexicalDoc {
  id: number;
  text: string;
  section: string;
  title: string;
}

export interface LexicalHit {
  id: number;
  score: number;
}

export interface FieldWeights {
  text: number;
  section: number;
  title: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { text: 1, section: 0.5, title: 0.2 };
/** The bigram index matches the passage itself; headings and titles already speak through the word index. */
export const BIGRAM_FIELD_WEIGHTS: FieldWeights = { text: 1, section: 0.3, title: 0 };
const FIELDS = ['text', 'section', 'title'] as const;
const K1 = 1.2;
const B = 0.75;
const MAGIC = 0x584c4243; // "CBLX"
const VERSION = 1;

export class LexicalIndexFormatError extends Error {}

export class LexicalIndex {
  private readonly vocab: Map<string, number>;
  /** Scratch space for one query: scores per document, and which documents were touched. */
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;

  private constructor(
    /** External id (chunk id) of each internal document number. */
    private readonly ids: Int32Array,
    terms: string[],
    /** Postings of term t are postDocs/postWeights[offsets[t] .. offsets[t+1]). */
    private readonly offsets: Uint32Array,
    private readonly postDocs: Uint32Array,
    /** BM25F term weight of each posting, without the idf: tf'(k1+1)/(tf'+k1). */
    private readonly postWeights: Float32Array,
  ) {
    this.vocab = new Map(terms.map((t, i) => [t, i]));
    this.scores = new Float32Array(ids.length);
    this.touched = new Uint32Array(ids.length);
  }

  /** `tokenize`: jieba terms by default; the character-bigram index passes `bigramTerms`. */
  static build(docs: LexicalDoc[], weights: FieldWeights = DEFAULT_FIELD_WEIGHTS, tokenize: (text: string) => string[] = terms): LexicalIndex {
    const tokenized = docs.map((d) => FIELDS.map((f) => tokenize(d[f])));
    const avgLen = FIELDS.map((_, f) => Math.max(1, tokenized.reduce((s, t) => s + t[f]!.length, 0) / Math.max(1, docs.length)));
    const postings = new Map<string, { docs: number[]; weights: number[] }>();
    tokenized.forEach((fields, doc) => {
      // BM25F: field term frequencies, length-normalised per field, weighted, then saturated once.
      const tf = new Map<string, number>();
      fields.forEach((tokens, f) => {
        const norm = 1 - B + (B * tokens.length) / avgLen[f]!;
        const w = weights[FIELDS[f]!] / norm;
        // A field weighted 0 adds no postings: a zero-weight posting would look "untouched" to search.
        if (w > 0) for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + w);
      });
      for (const [t, x] of tf) {
        let p = postings.get(t);
        if (!p) postings.set(t, (p = { docs: [], weights: [] }));
        p.docs.push(doc);
        p.weights.push((x * (K1 + 1)) / (x + K1));
      }
    });
    const vocabulary = [...postings.keys()];
    const offsets = new Uint32Array(vocabulary.length + 1);
    vocabulary.forEach((t, i) => (offsets[i + 1] = offsets[i]! + postings.get(t)!.docs.length));
    const postDocs = new Uint32Array(offsets[vocabulary.length]!);
    const postWeights = new Float32Array(postDocs.length);
    vocabulary.forEach((t, i) => {
      const p = postings.get(t)!;
      postDocs.set(p.docs, offsets[i]!);
      postWeights.set(p.weights, offsets[i]!);
    });
    return new LexicalIndex(Int32Array.from(docs.map((d) => d.id)), vocabulary, offsets, postDocs, postWeights);
  }

  get docCount(): number {
    return this.ids.length;
  }

  /** Every term the index knows (for typo and name look-ups). */
  vocabulary(): IterableIterator<string> {
    return this.vocab.keys();
  }

  /** Passages containing the term in any field (0: the coverage never uses the word). */
  df(term: string): number {
    const t = this.vocab.get(term);
    return t === undefined ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  /** Top `k` passages for already segmented query terms (OR semantics, BM25F scores). */
  search(queryTerms: string[], k: number): LexicalHit[] {
    const n = this.ids.length;
    let touchedCount = 0;
    for (const term of new Set(queryTerms)) {
      const t = this.vocab.get(term);
      if (t === undefined) continue;
      const from = this.offsets[t]!;
      const to = this.offsets[t + 1]!;
      const idf = Math.log(1 + (n - (to - from) + 0.5) / (to - from + 0.5));
      for (let p = from; p < to; p++) {
        const d = this.postDocs[p]!;
        if (this.scores[d] === 0) this.touched[touchedCount++] = d;
        this.scores[d]! += idf * this.postWeights[p]!;
      }
    }
    // Keep the k best in a small sorted buffer: O(touched · k) with k ≤ a few dozen. Ties go to the
    // earlier document, so results are deterministic.
    const best: { d: number; s: number }[] = [];
    const better = (a: { d: number; s: number }, b: { d: number; s: number }) => a.s > b.s || (a.s === b.s && a.d < b.d);
    for (let i = 0; i < touchedCount; i++) {
      const d = this.touched[i]!;
      const entry = { d, s: this.scores[d]! };
      this.scores[d] = 0;
      let j: number;
      if (best.length < k) {
        best.push(entry);
        j = best.length - 1;
      } else if (k > 0 && better(entry, best[k - 1]!)) {
        j = k - 1;
        best[j] = entry;
      } else {
        continue;
      }
      while (j > 0 && better(best[j]!, best[j - 1]!)) {
        [best[j], best[j - 1]] = [best[j - 1]!, best[j]!];
        j--;
      }
    }
    return best.map(({ d, s }) => ({ id: this.ids[d]!, score: s }));
  }

  /** Binary form: header, ids, vocabulary (UTF-8, newline-separated), offsets, postings. */
  toBuffer(): Buffer {
    const vocab = Buffer.from([...this.vocab.keys()].join('\n'), 'utf8');
    const pad = (n: number) => (4 - (n % 4)) % 4;
    const header = new Uint32Array([MAGIC, VERSION, this.ids.length, this.vocab.size, this.postDocs.length, vocab.length]);
    return Buffer.concat([
      Buffer.from(header.buffer),
      Buffer.from(this.ids.buffer, this.ids.byteOffset, this.ids.byteLength),
      vocab,
      Buffer.alloc(pad(vocab.length)),
      Buffer.from(this.offsets.buffer, this.offsets.byteOffset, this.offsets.byteLength),
      Buffer.from(this.postDocs.buffer, this.postDocs.byteOffset, this.postDocs.byteLength),
      Buffer.from(this.postWeights.buffer, this.postWeights.byteOffset, this.postWeights.byteLength),
    ]);
  }

  static fromBuffer(buf: Buffer): LexicalIndex {
    // Typed-array views need 4-byte alignment: a large file read whole is aligned; copy otherwise.
    const bytes = buf.byteOffset % 4 === 0 ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : Uint8Array.from(buf);
    const base = bytes.byteOffset;
    const u32 = (offset: number, length: number) => new Uint32Array(bytes.buffer, base + offset, length);
    if (buf.length < 24) throw new LexicalIndexFormatError('too short');
    const [magic, version, n, t, p, vocabBytes] = u32(0, 6);
    if (magic !== MAGIC || version !== VERSION) throw new LexicalIndexFormatError('not a lexical index of this version');
    let at = 24;
    const expected = at + 4 * n! + vocabBytes! + ((4 - (vocabBytes! % 4)) % 4) + 4 * (t! + 1) + 8 * p!;
    if (buf.length !== expected) throw new LexicalIndexFormatError(`${buf.length} bytes, expected ${expected}`);
    const ids = new Int32Array(bytes.buffer, base + at, n!);
    at += 4 * n!;
    const vocabulary = t === 0 ? [] : Buffer.from(bytes.buffer, base + at, vocabBytes!).toString('utf8').split('\n');
    at += vocabBytes! + ((4 - (vocabBytes! % 4)) % 4);
    if (vocabulary.length !== t) throw new LexicalIndexFormatError('vocabulary does not match its count');
    const offsets = u32(at, t! + 1);
    at += 4 * (t! + 1);
    const postDocs = u32(at, p!);
    at += 4 * p!;
    const postWeights = new Float32Array(bytes.buffer, base + at, p!);
    return new LexicalIndex(ids, vocabulary, offsets, postDocs, postWeights);
  }
}
