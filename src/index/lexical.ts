// BM25F over jieba-segmented text. Besides the passage text, its section heading and article title are
// indexed as weaker fields: a question naming a district finds that district's section even when the
// paragraph itself only says "该区".
//
// Why not a general-purpose search library here: at a newsroom archive's scale (100k passages) the
// question's terms touch tens of thousands of postings, and building per-document result objects costs
// milliseconds per query, and parsing a JSON index costs seconds at start-up. Postings in typed arrays
// with precomputed term weights score a query in one tight loop, and load from disk as they are.
// (The evaluation baseline in src/eval/ still uses MiniSearch, the library this replaced.)
// An index opened from its file keeps the postings there and reads a term's postings when a query uses
// it: at 100k passages the two index files are 266 MB, of which a question touches a few.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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

/** The postings of terms, wherever they are kept. */
interface Postings {
  /** Documents and weights of postings [from, to), valid until the next read. */
  read(from: number, to: number): { docs: Uint32Array; weights: Float32Array };
}

const inMemory = (docs: Uint32Array, weights: Float32Array): Postings => ({
  read: (from, to) => ({ docs: docs.subarray(from, to), weights: weights.subarray(from, to) }),
});

/** Reads `into.byteLength` bytes at `position`, or throws. */
function readExactly(fd: number, into: ArrayBufferView, position: number): void {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
  for (let at = 0; at < bytes.length; ) {
    const n = readSync(fd, bytes, at, bytes.length - at, position + at);
    if (n === 0) throw new LexicalIndexFormatError('the file ends early');
    at += n;
  }
}

const SCRATCH_MAX = 16 << 20;

/**
 * Postings in an open index file, read term by term into one reused buffer (so a result is valid until
 * the next read). The file is closed when the index is collected.
 */
class FilePostings implements Postings {
  private scratch = new ArrayBuffer(0);

  constructor(
    private readonly fd: number,
    /** File offsets of the documents array and of the weights array. */
    private readonly docsAt: number,
    private readonly weightsAt: number,
  ) {}

  read(from: number, to: number): { docs: Uint32Array; weights: Float32Array } {
    const n = to - from;
    // A term's postings (8 bytes per passage using it) fit the scratch buffer; all of them (toBuffer) get
    // a buffer of their own, so that the index does not keep one as large as the file.
    let buffer = this.scratch;
    if (8 * n > SCRATCH_MAX) buffer = new ArrayBuffer(8 * n);
    else if (buffer.byteLength < 8 * n) buffer = this.scratch = new ArrayBuffer(Math.min(SCRATCH_MAX, Math.max(8 * n, 2 * buffer.byteLength)));
    const docs = new Uint32Array(buffer, 0, n);
    const weights = new Float32Array(buffer, 4 * n, n);
    readExactly(this.fd, docs, this.docsAt + 4 * from);
    readExactly(this.fd, weights, this.weightsAt + 4 * from);
    return { docs, weights };
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** Where the parts of an index file begin, from its 24-byte header; throws unless `fileLength` fits. */
function layout(header: Uint32Array, fileLength: number) {
  const [magic, version, n, t, p, vocabBytes] = header as unknown as [number, number, number, number, number, number];
  if (magic !== MAGIC || version !== VERSION) throw new LexicalIndexFormatError('not a lexical index of this version');
  const ids = 24;
  const vocab = ids + 4 * n;
  const offsets = vocab + vocabBytes + ((4 - (vocabBytes % 4)) % 4);
  const docs = offsets + 4 * (t + 1);
  const weights = docs + 4 * p;
  const expected = weights + 4 * p;
  if (fileLength !== expected) throw new LexicalIndexFormatError(`${fileLength} bytes, expected ${expected}`);
  return { n, t, p, vocabBytes, ids, vocab, offsets, docs, weights };
}

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
    /** Per posting: its document, and its BM25F term weight without the idf: tf'(k1+1)/(tf'+k1). */
    private readonly postings: Postings,
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
    return new LexicalIndex(Int32Array.from(docs.map((d) => d.id)), vocabulary, offsets, inMemory(postDocs, postWeights));
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
      const { docs, weights } = this.postings.read(from, to);
      for (let p = 0; p < docs.length; p++) {
        const d = docs[p]!;
        if (this.scores[d] === 0) this.touched[touchedCount++] = d;
        this.scores[d]! += idf * weights[p]!;
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
    const { docs, weights } = this.postings.read(0, this.offsets[this.vocab.size]!);
    const header = new Uint32Array([MAGIC, VERSION, this.ids.length, this.vocab.size, docs.length, vocab.length]);
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return Buffer.concat([bytes(header), bytes(this.ids), vocab, Buffer.alloc(pad(vocab.length)), bytes(this.offsets), bytes(docs), bytes(weights)]);
  }

  static fromBuffer(buf: Buffer): LexicalIndex {
    // Typed-array views need 4-byte alignment: a large file read whole is aligned; copy otherwise.
    const bytes = buf.byteOffset % 4 === 0 ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : Uint8Array.from(buf);
    if (bytes.length < 24) throw new LexicalIndexFormatError('too short');
    const u32 = (offset: number, length: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length);
    const at = layout(u32(0, 6), bytes.length);
    const postings = inMemory(u32(at.docs, at.p), new Float32Array(bytes.buffer, bytes.byteOffset + at.weights, at.p));
    return LexicalIndex.fromHead(bytes, at, postings);
  }

  /**
   * Opens an index file, reading all but the postings (ids, vocabulary, term offsets); a term's postings
   * are read from the file when a query uses the term. The file is expected not to change while open
   * (index version folders never do; a pruned one stays readable through the open descriptor).
   */
  static openFile(file: string): LexicalIndex {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size < 24) throw new LexicalIndexFormatError('too short');
      const header = new Uint32Array(6);
      readExactly(fd, header, 0);
      const at = layout(header, size);
      const head = new Uint8Array(at.docs);
      readExactly(fd, head, 0);
      const index = LexicalIndex.fromHead(head, at, new FilePostings(fd, at.docs, at.weights));
      closeWhenCollected.register(index, fd);
      return index;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** The index over the bytes up to the postings (`head`, 4-byte aligned), with the postings given. */
  private static fromHead(head: Uint8Array, at: ReturnType<typeof layout>, postings: Postings): LexicalIndex {
    const ids = new Int32Array(head.buffer, head.byteOffset + at.ids, at.n);
    const vocabulary = at.t === 0 ? [] : Buffer.from(head.buffer, head.byteOffset + at.vocab, at.vocabBytes).toString('utf8').split('\n');
    if (vocabulary.length !== at.t) throw new LexicalIndexFormatError('vocabulary does not match its count');
    const offsets = new Uint32Array(head.buffer, head.byteOffset + at.offsets, at.t + 1);
    // Postings are read by these offsets (from a file, lazily): they must stay inside the postings.
    let ordered = offsets[0] === 0 && offsets[at.t] === at.p;
    for (let i = 0; ordered && i < at.t; i++) ordered = offsets[i]! <= offsets[i + 1]!;
    if (!ordered) throw new LexicalIndexFormatError('term offsets are out of order');
    return new LexicalIndex(ids, vocabulary, offsets, postings);
  }
}
