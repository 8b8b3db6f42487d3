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
  const texts = textBytes.toString('utf16le');
  const stored = JSON.parse(json) as StoredArticle[];
  return stored.map((s) => {
    if (s.offset + s.length > texts.length) throw new RecordFormatError(`the text of ${s.meta.file} is missing`);
    const text = texts.slice(s.offset, s.offset + s.length);
    for (let i = 0; i + 3 < s.blocks.length; i += 4) {
      if (KINDS[s.blocks[i]!] === undefined || s.blocks[i + 2]! > text.length) throw new RecordFormatError(`the blocks of ${s.meta.file} are damaged`);
    }
    // Blocks are built when first asked for: a question reads a few dozen articles' blocks, and building
    // all of them took a tenth of a second of start-up at 100k passages.
    let blocks: Block[] | undefined;
    const article = { meta: s.meta, hash: s.hash, text } as Article;
    Object.defineProperty(article, 'blocks', {
      enumerable: true,
      get: () => (blocks ??= blocksOf(s, text)),
      set: (v: Block[]) => (blocks = v),
    });
    return article;
  });
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

export function decodeChunks(buf: Buffer, articles: Article[]): Map<number, Chunk> {
  if (buf.length % (4 * CHUNK_FIELDS) !== 0) throw new RecordFormatError('chunk records are truncated');
  const ints = new Int32Array(Uint8Array.from(buf).buffer);
  const chunks = new Map<number, Chunk>();
  for (let i = 0; i < ints.length; i += CHUNK_FIELDS) {
    const id = ints[i]!;
    const start = ints[i + 2]!;
    const end = ints[i + 3]!;
    const block = ints[i + 4]!;
    const article = articles[ints[i + 1]!];
    const b = article?.blocks[block];
    if (!article || !b || start < 0 || end > article.text.length || start >= end) {
      throw new RecordFormatError('chunk records do not match the articles');
    }
    chunks.set(id, { id, file: article.meta.file, text: article.text.slice(start, end), start, end, section: b.section, block });
  }
  return chunks;
}
