// The shapes that flow along the data path: raw file → Article → Chunk.

/** Where an article came from, as shown under every quote. */
export interface ArticleMeta {
  /** File name inside the corpus folder, e.g. "000_f80148564c3b0638.txt". */
  file: string;
  title: string;
  paper: string;
  /** ISO date or partial date ("2024-04-26", "2024-04"); "" when unknown. */
  date: string;
  url?: string;
}

export type BlockKind = 'heading' | 'paragraph' | 'caption' | 'byline';

/** One structural unit of a cleaned article; `start`/`end` index into `Article.text`. */
export interface Block {
  kind: BlockKind;
  text: string;
  start: number;
  end: number;
  /** Section the block belongs to ("" for the lead before the first heading). */
  section: string;
}

export interface Article {
  meta: ArticleMeta;
  /** Cleaned text: blocks joined by blank lines. Every span in the index points into it. */
  text: string;
  blocks: Block[];
  /** sha256 of the raw file bytes: the unit of incremental re-indexing. */
  hash: string;
}

export interface Chunk {
  /** Stable label inside the index (also the HNSW label). */
  id: number;
  file: string;
  /** Verbatim slice of the article's cleaned text: `article.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  section: string;
  /** Index of the block (paragraph) the chunk starts in, for the "full context" view. */
  block: number;
}

export interface ChunkerOptions {
  maxChars: number;
  overlapChars: number;
}
