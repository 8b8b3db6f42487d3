// Sections 6–7 — storage and ingest details:
//  batching:  passages batched by token count over the whole ingest (now) vs by character count within
//             windows of 64 passages in corpus order (before), on the benchmark model: throughput and
//             the share of padding tokens the model computes;
//  integrity: the cost of the index checksums (xxHash64) at 100k passages — hashing each index file at
//             its 100k size, next to just reading it.
import { randomFillSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkArticle } from '../../src/corpus/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { loadEmbedder, type Embedder } from '../../src/embed/embedder.js';
import { checksum, fileChecksum } from '../../src/index/checksum.js';
import { embeddingText } from '../../src/index/ingest.js';
import { currentVersion, readManifest } from '../../src/index/store.js';
import { MODEL, MODEL_DIR, type BenchContext } from './lib/context.js';
import { Rng } from './lib/prng.js';
import type { Row, SectionResult } from './lib/report.js';
import { median, now } from './lib/stats.js';
import { sentencePool, writeSyntheticCorpus } from './lib/synthetic.js';

/** Share of the token positions the model computes that are padding, for these batches. */
function paddingShare(batches: number[][]): number {
  let real = 0;
  let computed = 0;
  for (const b of batches) {
    real += b.reduce((s, n) => s + n, 0);
    computed += Math.max(...b) * b.length;
  }
  return 1 - real / computed;
}

function batchesOf(tokens: number[], window: number, bs: number, sortBy: number[]): number[][] {
  const out: number[][] = [];
  for (let w = 0; w < tokens.length; w += window) {
    const ids = tokens.map((_, i) => i).slice(w, w + window).sort((a, b) => sortBy[a]! - sortBy[b]!);
    for (let i = 0; i < ids.length; i += bs) out.push(ids.slice(i, i + bs).map((k) => tokens[k]!));
  }
  return out;
}

export async function runBatching(ctx: BenchContext): Promise<SectionResult> {
  const n = ctx.options.quick ? 200 : 1500;
  const reps = ctx.options.quick ? 1 : 3;
  const bs = ctx.config.EMBEDDING_BATCH_SIZE;
  const chunker = { maxChars: ctx.config.CHUNK_MAX_CHARS, overlapChars: ctx.config.CHUNK_OVERLAP_CHARS };
  ctx.progress(`batching: synthetic corpus of ${n} passages …`);
  const syn = await writeSyntheticCorpus(path.join(ctx.tmp, `batching-${n}`), n, await sentencePool('corpus'), chunker, 5);
  const { articles } = await loadCorpus(syn.dir);
  let id = 0;
  const texts = articles.flatMap((a) => {
    const made = chunkArticle(a, chunker, id);
    id += made.length;
    return made.map(embeddingText);
  });
  // Real archives mix long reports with short notices: shuffle so windows hold a mix, as ingest sees it.
  const rng = new Rng(3);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [texts[i], texts[j]] = [texts[j]!, texts[i]!];
  }
  const load = (batchBy: 'tokens' | 'chars'): Promise<Embedder> =>
    loadEmbedder({ model: MODEL, quantized: true, localDir: MODEL_DIR, cacheDir: path.join(ctx.tmp, 'model-cache'), allowDownload: false, batchSize: bs, batchBy, timeoutMs: 60_000 });
  const byTokens = await load('tokens');
  const byChars = await load('chars');
  const tokens = texts.map((t) => byTokens.tokenCount(t));
  const chars = texts.map((t) => t.length);
  const runNow = async () => {
    for (let i = 0; i < texts.length; i += 2048) await byTokens.embedPassages(texts.slice(i, i + 2048));
  };
  const runBefore = async () => {
    for (let i = 0; i < texts.length; i += 64) await byChars.embedPassages(texts.slice(i, i + 64));
  };
  ctx.progress(`batching: ${reps} alternating passes of ${texts.length} passages each way …`);
  await runNow(); // warm-up
  await runBefore();
  const tNow: number[] = [];
  const tBefore: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const side of r % 2 === 0 ? ['now', 'before'] : ['before', 'now']) {
      const t = now();
      await (side === 'now' ? runNow() : runBefore());
      (side === 'now' ? tNow : tBefore).push(now() - t);
    }
  }
  const rateNow = (texts.length / median(tNow)) * 1000;
  const rateBefore = (texts.length / median(tBefore)) * 1000;
  const padNow = paddingShare(batchesOf(tokens, 2048, bs, tokens));
  const padBefore = paddingShare(batchesOf(tokens, 64, bs, chars));
  const rows: Row[] = [
    {
      metric: `embed ${texts.length} passages, batch ${bs}: by token count (ingest-wide)`,
      value: rateNow,
      unit: 'chunks/s',
      baseline: { label: 'by chars, 64-windows', value: rateBefore },
      ratio: rateNow / rateBefore,
      runs: reps,
      note: `padding ${(padNow * 100).toFixed(1)}% of token positions vs ${(padBefore * 100).toFixed(1)}% before`,
    },
  ];
  return {
    rows,
    targets: [],
    notes: [
      `batching: synthetic passages (corpus/ sentences recombined, shuffled), avg ${(tokens.reduce((s, x) => s + x, 0) / tokens.length).toFixed(0)} tokens; before = what ingest did until now (64 passages at a time in corpus order, each 64 sorted by character count); now = windows of 2048 sorted by token count`,
    ],
    data: { passages: texts.length, rateNow, rateBefore, padNow, padBefore },
  };
}

export async function runIntegrity(ctx: BenchContext): Promise<SectionResult> {
  const target = 100_000;
  const dir = await ctx.corpusIndex();
  const manifest = readManifest(dir)!;
  const passages = manifest.nextId; // the corpus index: every id is a live passage after a fresh build
  const rows: Row[] = [];
  const reps = ctx.options.quick ? 2 : 5;
  let totalHash = 0;
  let totalRead = 0;
  for (const [name, size] of Object.entries(manifest.sizes)) {
    // Each file at its 100k-passage size (bytes per passage as in the corpus index), random content.
    const bytes = Math.round((size / passages) * target);
    const file = path.join(ctx.tmp, `integrity-${name}`);
    const buf = randomFillSync(Buffer.alloc(bytes));
    await writeFile(file, buf);
    ctx.progress(`integrity: ${name} at 100k (${(bytes / 1e6).toFixed(1)} MB) …`);
    const read: number[] = [];
    const hash: number[] = [];
    for (let r = 0; r < reps; r++) {
      let t = now();
      const b = await readFile(file);
      read.push(now() - t);
      t = now();
      // vectors.hnsw is streamed from the file (as openIndex does); the others are hashed in memory.
      if (name === 'vectors.hnsw') await fileChecksum(file);
      else checksum(b);
      hash.push(now() - t);
    }
    totalHash += median(hash);
    totalRead += median(read);
    rows.push({
      metric: `checksum ${name} at 100k (${(bytes / 1e6).toFixed(0)} MB)`,
      value: median(hash),
      unit: 'ms',
      baseline: { label: 'readFile', value: median(read) },
      ratio: median(hash) / median(read),
      runs: reps,
      note: `${((bytes / 1e6 / median(hash)) * 1000).toFixed(0)} MB/s${name === 'vectors.hnsw' ? ' (streamed from disk, page cache warm)' : ''}`,
    });
  }
  rows.push({ metric: 'all index files at 100k: verification added to a load', value: totalHash, unit: 'ms', baseline: { label: 'reading them', value: totalRead }, runs: reps });
  return {
    rows,
    targets: [],
    notes: [`integrity: sizes scaled from the corpus index (${passages} passages, version ${currentVersion(dir)}) to ${target} passages`],
  };
}
