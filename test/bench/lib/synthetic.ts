// Synthetic corpora for size benchmarks: articles made by recombining the sentences, headings and
// titles of the real articles in corpus/, so word frequencies, sentence lengths and jieba's workload
// look like real coverage. Deterministic (seeded), and sized to an exact chunk count by running the
// project's own cleaner and chunker on every generated article before it is written.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkArticle } from '../../../src/corpus/chunk.js';
import { cleanArticle } from '../../../src/corpus/clean.js';
import { loadCorpus } from '../../../src/corpus/load.js';
import { sentenceSpans } from '../../../src/corpus/sentences.js';
import type { ChunkerOptions } from '../../../src/corpus/types.js';
import { Rng } from './prng.js';

export interface SentencePool {
  sentences: string[];
  headings: string[];
  titles: string[];
}

/** Sentences of every paragraph, headings and titles of the real corpus. */
export async function sentencePool(corpusDir: string): Promise<SentencePool> {
  const { articles } = await loadCorpus(corpusDir);
  const pool: SentencePool = { sentences: [], headings: [], titles: [] };
  for (const a of articles) {
    pool.titles.push(a.meta.title);
    for (const b of a.blocks) {
      if (b.kind === 'heading' && b.text.length >= 4 && b.text.length <= 20) pool.headings.push(b.text);
      if (b.kind !== 'paragraph') continue;
      for (const s of sentenceSpans(a.text, b.start, b.end)) {
        const text = a.text.slice(s.start, s.end).trim();
        if (text.length >= 8 && /[。！？]$/.test(text)) pool.sentences.push(text);
      }
    }
  }
  if (pool.sentences.length < 50 || pool.headings.length < 5) throw new Error(`${corpusDir}/ has too little text to recombine`);
  return pool;
}

interface Shape {
  sections: number;
  paragraphs: number;
  sentences: number;
}

/** One article in the corpus's markdown flavour: "# title", plain short lines as sub-heads, one line per paragraph. */
function article(rng: Rng, pool: SentencePool, shape: Shape, n: number): string {
  const lines = [`# ${rng.pick(pool.titles)}（${n}）`, ''];
  for (let s = 0; s < shape.sections; s++) {
    lines.push(rng.pick(pool.headings), '');
    const paragraphs = rng.range(1, shape.paragraphs);
    for (let p = 0; p < paragraphs; p++) {
      const k = rng.range(1, shape.sentences);
      lines.push(Array.from({ length: k }, () => rng.pick(pool.sentences)).join(''), '');
    }
  }
  return lines.join('\n');
}

function chunkCount(text: string, chunker: ChunkerOptions): number {
  const cleaned = cleanArticle(text);
  const meta = { file: 'x.txt', title: '', paper: '', date: '' };
  return chunkArticle({ meta, text: cleaned.text, blocks: cleaned.blocks, hash: '' }, chunker).length;
}

export interface SyntheticCorpus {
  dir: string;
  articles: number;
  chunks: number;
  bytes: number;
  ms: number;
}

const FULL: Shape = { sections: 3, paragraphs: 4, sentences: 6 };
const SMALL: Shape = { sections: 1, paragraphs: 1, sentences: 1 };

/**
 * Writes articles into `dir` until their chunks add up to exactly `targetChunks` (the last articles
 * are made smaller to land on the number). Articles are written in batches to keep memory flat.
 */
export async function writeSyntheticCorpus(
  dir: string,
  targetChunks: number,
  pool: SentencePool,
  chunker: ChunkerOptions,
  seed = 7,
): Promise<SyntheticCorpus> {
  const t0 = performance.now();
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed);
  let chunks = 0;
  let bytes = 0;
  let n = 0;
  let pending: Promise<void>[] = [];
  while (chunks < targetChunks) {
    const remaining = targetChunks - chunks;
    let text = article(rng, pool, FULL, n);
    let count = chunkCount(text, chunker);
    for (let tries = 0; count > remaining; tries++) {
      if (tries > 100) throw new Error(`could not make an article of at most ${remaining} chunk(s)`);
      text = article(rng, pool, remaining >= 4 ? { sections: 1, paragraphs: 2, sentences: 3 } : SMALL, n);
      count = chunkCount(text, chunker);
    }
    if (count === 0) continue;
    const body = Buffer.from(text + '\n', 'utf8');
    // Zero-padded names: the corpus loader sorts file names, and chunk ids follow that order.
    pending.push(writeFile(path.join(dir, `syn_${String(n).padStart(6, '0')}.txt`), body));
    if (pending.length >= 256) {
      await Promise.all(pending);
      pending = [];
    }
    chunks += count;
    bytes += body.length;
    n++;
  }
  await Promise.all(pending);
  return { dir, articles: n, chunks, bytes, ms: performance.now() - t0 };
}
