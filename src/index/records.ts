// Compact on-disk form of the cleaned articles and the chunk spans. Article texts go into one UTF-16LE
// file — JavaScript's own string encoding, so reading it back is a copy, not a decode (8× faster than
// UTF-8 for 27M characters, and smaller for Chinese text) — each article a slice of the one string;
// metadata and block structure into a small JSON without repeating any text; chunk spans into 32-bit
// integers. At a newsroom archive's size this is what keeps start-up fast.
import type { Article, Block, BlockKind, Chunk } from '../corpus/types.js';

const KINDS: BlockKind[] = ['heading', 'paragraph', 'caption', 'byline'];
/** Integers per chunk: id, article number, start, end, block. */
const CHUNK_FIELDS = 5;

interface StoredArticle {
  meta: Article['meta'];
  hash: string;
  /** Position of the text in the texts file (string offsets). */
  offset: number;
  length: number;
  sections: string[];
  /** Flattened: kind, start, end, section number, per block. */
  blocks: number[];
}

export class RecordFormatError extends Error {}

export function encodeArticles(articles: Article[]): { texts: Buffer; json: string } {
  let offset = 0;
  const stored: StoredArticle[] = articles.map((a) => {
    const sections: string[] = [];
    const sectionNo = new Map<string, number>();
    const blocks: number[] = [];
    for (const b of a.blocks) {
      let s = sectionNo.get(b.section);
      if (s === undefined) sectionNo.set(b.section, (s = sections.push(b.section) - 1));
      blocks.push(KINDS.indexOf(b.kind), b.start, b.end, s);
    }
    const record = { meta: a.meta, hash: a.hash, offset, length: a.text.length, sections, blocks };
    offset += a.text.length;
    return record;
  });
  return { texts: Buffer.from(articles.map((a) => a.text).join(''), 'utf16le'), json: JSON.stringify(stored) };
}

export function decodeArticles(textBytes: Buffer, json: string): Article[] {
  if (textBytes.length % 2 !== 0) throw new RecordFormatError('the texts file is truncated');
  const textLength = textBytes.length / 2;
  const stored = JSON.parse(json) as StoredArticle[];
  return stored.map((s) => {
    if (!(s.offset >= 0 && s.offset + s.length <= textLength)) throw new RecordFormatError(`the text of ${s.meta.file} is missing`);
    for (let i = 0; i + 3 < s.blocks.length; i += 4) {
      if (KINDS[s.blocks[i]!] === undefined || s.blocks[i + 2]! > s.length) throw new RecordFormatError(`the blocks of ${s.meta.file} are damaged`);
    }
    return new StoredArticleView(s, textBytes);
  });
}

/**
 * An article read back from the index. Its text and blocks are decoded when first asked for: a question
 * reads a few dozen articles, and decoding all of them took a quarter of a second of start-up at 100k
 * passages, and as much again in garbage collection. (Getters on a class: per-object accessors cost more.)
 */
class StoredArticleView implements Article {
  meta: Article['meta'];
  hash: string;
  private decodedText: string | undefined;
  private decodedBlocks: Block[] | undefined;

  constructor(
    readonly record: StoredArticle,
    private readonly texts: Buffer,
  ) {
    this.meta = record.meta;
    this.hash = record.hash;
  }

  get text(): string {
    const { offset, length } = this.record;
    return (this.decodedText ??= this.texts.toString('utf16le', 2 * offset, 2 * (offset + length)));
  }

  set text(text: string) {
    this.decodedText = text;
  }

  get blocks(): Block[] {
    return (this.decodedBlocks ??= blocksOf(this.record, this.text));
  }

  set blocks(blocks: Block[]) {
    this.decodedBlocks = blocks;
  }
}

function blocksOf(s: StoredArticle, text: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i + 3 < s.blocks.length; i += 4) {
    const [kind, start, end, section] = s.blocks.slice(i, i + 4) as [number, number, number, number];
    blocks.push({ kind: KINDS[kind]!, start, end, text: text.slice(start, end), section: s.sections[section] ?? '' });
  }
  return blocks;
}

export function encodeChunks(chunks: Chunk[], articles: Article[]): Buffer {
  const number = new Map(articles.map((a, i) => [a.meta.file, i]));
  const out = new Int32Array(chunks.length * CHUNK_FIELDS);
  chunks.forEach((c, i) => out.set([c.id, number.get(c.file)!, c.start, c.end, c.block], i * CHUNK_FIELDS));
  return Buffer.from(out.buffer);
}

/**
 * The passages of an index as a read-only map by id. Every span is checked against its article's record
 * here; a Chunk object (with its text) is made when first asked for — a question reads a few dozen of
 * 100k, and making them all took a tenth of a second of start-up and its garbage.
 */
export class ChunkTable implements ReadonlyMap<number, Chunk> {
  /** Row of each chunk id in `ints`. */
  private readonly rows = new Map<number, number>();
  private readonly made: (Chunk | undefined)[];

  constructor(
    private readonly ints: Int32Array,
    private readonly articles: Article[],
  ) {
    const n = ints.length / CHUNK_FIELDS;
    this.made = new Array<Chunk | undefined>(n);
    // Each article's text length and block count (-1: not a stored article), so that the loop over 100k
    // passages, which runs once and mostly unoptimised, reads only typed arrays.
    const lengths = new Int32Array(articles.length).fill(-1);
    const blockCounts = new Int32Array(articles.length);
    articles.forEach((a, k) => {
      if (a instanceof StoredArticleView) (lengths[k] = a.record.length), (blockCounts[k] = a.record.blocks.length >> 2);
    });
    for (let row = 0; row < n; row++) {
      const i = row * CHUNK_FIELDS;
      const k = ints[i + 1]!;
      const start = ints[i + 2]!;
      const end = ints[i + 3]!;
      const block = ints[i + 4]!;
      if (!(k >= 0 && k < articles.length) || lengths[k]! < 0 || block < 0 || block >= blockCounts[k]! || start < 0 || end > lengths[k]! || start >= end) {
        throw new RecordFormatError('chunk records do not match the articles');
      }
      this.rows.set(ints[i]!, row);
      if (this.rows.size !== row + 1) throw new RecordFormatError('chunk records repeat an id');
    }
  }

  private at(row: number): Chunk {
    let c = this.made[row];
    if (!c) {
      const i = row * CHUNK_FIELDS;
      const [id, start, end, block] = [this.ints[i]!, this.ints[i + 2]!, this.ints[i + 3]!, this.ints[i + 4]!];
      const article = this.articles[this.ints[i + 1]!]!;
      const s = (article as StoredArticleView).record;
      const text = article.text.slice(start, end);
      c = this.made[row] = { id, file: article.meta.file, text, start, end, section: s.sections[s.blocks[4 * block + 3]!] ?? '', block };
    }
    return c;
  }

  get size(): number {
    return this.rows.size;
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  get(id: number): Chunk | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : this.at(row);
  }

  keys(): MapIterator<number> {
    return this.rows.keys();
  }

  *values(): MapIterator<Chunk> {
    for (const row of this.rows.values()) yield this.at(row);
  }

  *entries(): MapIterator<[number, Chunk]> {
    for (const [id, row] of this.rows) yield [id, this.at(row)];
  }

  [Symbol.iterator](): MapIterator<[number, Chunk]> {
    return this.entries();
  }

  forEach(fn: (chunk: Chunk, id: number, map: ReadonlyMap<number, Chunk>) => void, thisArg?: unknown): void {
    for (const [id, c] of this.entries()) fn.call(thisArg, c, id, this);
  }
}

export function decodeChunks(buf: Buffer, articles: Article[]): ChunkTable {
  if (buf.length % (4 * CHUNK_FIELDS) !== 0) throw new RecordFormatError('chunk records are truncated');
  // A copy: the table keeps the integers, not the file's buffer (and needs them 4-byte aligned).
  return new ChunkTable(new Int32Array(Uint8Array.from(buf).buffer), articles);
}
