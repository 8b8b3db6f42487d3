// The vector index (src/index/vector.ts), the lexical index (lexical.ts) and the on-disk store (store.ts):
// exact search semantics, save/load round trips with ef re-applied, corruption detection, atomic publish.
import { existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Chunk } from '../src/corpus/types.js';
import xxhash from 'xxhash-wasm';
import { checksum, fileChecksum } from '../src/index/checksum.js';
import { fileChecksumOffThread, readFilesHere, readFilesOffThread, statsOffThread } from '../src/index/offthread.js';
import { LexicalIndex, LexicalIndexFormatError } from '../src/index/lexical.js';
import { indexInputs } from '../src/index/inputs.js';
import { decodeArticles, decodeChunks, encodeArticles, encodeChunks, RecordFormatError } from '../src/index/records.js';
import { IndexCorruptError, IndexMissingError, openIndex, readManifest, writeIndex, type IndexContent } from '../src/index/store.js';
import { calibrateEf, DEFAULT_EF_SEARCH, EF_LADDER, effectiveEf, VectorIndex } from '../src/index/vector.js';
import { terms } from '../src/text/segment.js';
import { removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function unitVectors(n: number, dim: number, seed: number): number[][] {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dim }, () => rnd() * 2 - 1);
    const len = Math.hypot(...v);
    return v.map((x) => x / len);
  });
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

function bruteForce(vectors: number[][], q: number[], k: number): number[] {
  return vectors
    .map((v, i) => [i, dot(q, v)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([i]) => i);
}

const N = 1500;
const DIM = 32;
const VECTORS = unitVectors(N, DIM, 42);
const QUERIES = unitVectors(80, DIM, 7);
const TRUTH = QUERIES.map((q) => bruteForce(VECTORS, q, 10));
/** A deliberately sparse graph, so that the search breadth (ef) visibly matters. */
const POOR = { m: 4, efConstruction: 10, efSearch: 200 };

function recall(search: (q: number[]) => number[]): number {
  let hits = 0;
  QUERIES.forEach((q, i) => (hits += search(q).filter((id) => TRUTH[i]!.includes(id)).length));
  return hits / (QUERIES.length * 10);
}

function buildPoor(): VectorIndex {
  const index = VectorIndex.create(DIM, POOR, 16); // small capacity: adding 1500 points must grow it
  VECTORS.forEach((v, i) => index.add(i, v));
  return index;
}

describe('checksum', () => {
  it('is xxHash64 of the bytes, hashed whole or in pieces alike', async () => {
    const x = await xxhash();
    for (const n of [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(checksum(bytes)).toBe(x.h64Raw(bytes).toString(16).padStart(16, '0'));
    }
    expect(checksum('永川')).toBe(x.h64('永川').toString(16).padStart(16, '0'));
  });

  it('of a file is the same on a worker thread, and a missing file is an error there too', async () => {
    const file = path.join(tempDir('ck-'), 'bytes.bin');
    writeFileSync(file, new Uint8Array(3 * (1 << 20) + 5).map((_, i) => (i * 7) & 255));
    expect(await fileChecksumOffThread(file)).toBe(await fileChecksum(file));
    expect(await fileChecksumOffThread(file)).toBe(checksum(readFileSync(file)));
    await expect(fileChecksumOffThread(file + '.missing')).rejects.toThrow();
  });

  it.each([
    ['on a worker thread', readFilesOffThread],
    ['here (small indexes)', readFilesHere],
  ])('files read whole or only hashed %s arrive with their checksums; a missing one fails alone', async (_, readFiles) => {
    const dir = tempDir('rd-');
    const sizes = [0, 5, 3 * (1 << 20) + 5, 9 * (1 << 20) + 3];
    const files = sizes.map((n, i) => path.join(dir, `f${i}.bin`));
    sizes.forEach((n, i) => writeFileSync(files[i]!, new Uint8Array(n).map((_, j) => (j * 13 + i) & 255)));
    const missing = path.join(dir, 'missing.bin');
    const { reads, hashes } = readFiles([files[0]!, files[1]!, missing, files[2]!], [files[3]!, missing, files[0]!]);
    await expect(reads.splice(2, 1)[0]!).rejects.toThrow(/ENOENT/);
    await expect(hashes[1]!).rejects.toThrow(/ENOENT/);
    for (const [i, r] of reads.entries()) {
      const { bytes, checksum: sum } = await r;
      expect(bytes.equals(readFileSync(files[i]!))).toBe(true);
      expect(sum).toBe(checksum(readFileSync(files[i]!)));
      if (readFiles === readFilesOffThread) expect(bytes.byteOffset % 8).toBe(0); // each its own ArrayBuffer
    }
    expect(await hashes[0]!).toBe(checksum(readFileSync(files[3]!)));
    expect(await hashes[2]!).toBe(checksum(new Uint8Array(0)));
  });

  it('stats taken on a worker thread: size and mtime as statSync has them, NaN for a missing file', async () => {
    const dir = tempDir('st-');
    writeFileSync(path.join(dir, 'a.txt'), '永川');
    const st = await statsOffThread(dir, ['a.txt', 'missing.txt']);
    expect([...st.subarray(0, 2)]).toEqual([6, statSync(path.join(dir, 'a.txt')).mtimeMs]);
    expect(st.subarray(2).every(Number.isNaN)).toBe(true);
  });
});

describe('VectorIndex', () => {
  it('finds a stored vector first with cosine similarity ≈ 1, scores are cosine similarities', () => {
    const index = VectorIndex.create(DIM, { m: 16, efConstruction: 200, efSearch: 64 }, 200);
    VECTORS.slice(0, 200).forEach((v, i) => index.add(i + 1000, v));
    expect(index.size).toBe(200);
    for (let i = 0; i < 200; i += 17) {
      const hits = index.search(VECTORS[i]!, 5);
      expect(hits[0]!.id).toBe(i + 1000);
      expect(hits[0]!.score).toBeCloseTo(1, 5);
      for (const h of hits) expect(h.score).toBeCloseTo(dot(VECTORS[i]!, VECTORS[h.id - 1000]!), 5);
      for (let j = 1; j < hits.length; j++) expect(hits[j]!.score).toBeLessThanOrEqual(hits[j - 1]!.score);
    }
  });

  it('rejects a vector of the wrong dimension', () => {
    const index = VectorIndex.create(DIM, POOR);
    expect(() => index.add(1, new Float32Array(16))).toThrow(/16 dimensions, index has 32/);
  });

  it('grows past its initial capacity, and a wider search (ef) finds more true neighbours', () => {
    const index = buildPoor();
    expect(index.size).toBe(N);
    const wide = recall((q) => index.search(q, 10).map((h) => h.id));
    index.setEf(10);
    const narrow = recall((q) => index.search(q, 10).map((h) => h.id));
    expect(wide).toBeGreaterThan(0.85);
    expect(narrow).toBeLessThan(wide - 0.2);
  });

  it('save/load gives identical results, with ef re-applied after loading', () => {
    const index = buildPoor();
    const before = QUERIES.map((q) => index.search(q, 10));
    const file = path.join(tempDir('hnsw-'), 'v.hnsw');
    index.save(file);
    const loaded = VectorIndex.load(file, DIM, POOR.efSearch);
    expect(loaded.size).toBe(N);
    expect(QUERIES.map((q) => loaded.search(q, 10))).toEqual(before);
    // Loading with ef 10 is measurably worse: the equality above depends on ef being set again.
    const narrow = VectorIndex.load(file, DIM, 10);
    const r = (ix: VectorIndex) => recall((q) => ix.search(q, 10).map((h) => h.id));
    expect(r(narrow)).toBeLessThan(r(loaded) - 0.2);
  });

  it('calibrateEf picks the smallest ladder ef reaching recall@10 0.99, which holds for unseen queries', () => {
    const index = buildPoor();
    index.setEf(77);
    const source = { ids: VECTORS.map((_, i) => i), vector: (i: number) => VECTORS[i]! };
    const c = calibrateEf(index, source);
    expect(index.ef).toBe(77); // restored
    expect(c.reached).toBe(true);
    expect(c.recall).toBeGreaterThanOrEqual(0.99);
    expect(c.tried.map((t) => t.ef)).toEqual(EF_LADDER.slice(0, c.tried.length));
    expect(c.tried.at(-1)).toEqual({ ef: c.ef, recall: c.recall });
    for (const t of c.tried.slice(0, -1)) expect(t.recall).toBeLessThan(0.99);
    // The sparse graph needs more than the narrowest rung, so the choice is a real measurement.
    expect(c.ef).toBeGreaterThan(EF_LADDER[0]!);
    // Same graph, same sample: same answer.
    expect(calibrateEf(index, source)).toEqual(c);
    // Queries the graph has never seen get (nearly) the recall the calibration promised.
    index.setEf(c.ef);
    expect(recall((q) => index.search(q, 10).map((h) => h.id))).toBeGreaterThanOrEqual(0.98);
  });

  it('calibrateEf on a graph smaller than k measures what there is', () => {
    const index = VectorIndex.create(DIM, POOR);
    VECTORS.slice(0, 5).forEach((v, i) => index.add(i, v));
    const c = calibrateEf(index, { ids: [0, 1, 2, 3, 4], vector: (i) => VECTORS[i]! });
    expect(c).toMatchObject({ ef: EF_LADDER[0], recall: 1, reached: true, queries: 5 });
  });

  it('effectiveEf: an explicit setting wins over the calibrated ef, which wins over the default', () => {
    expect(effectiveEf(300, 48)).toBe(300);
    expect(effectiveEf(undefined, 48)).toBe(48);
    expect(effectiveEf(undefined, undefined)).toBe(DEFAULT_EF_SEARCH);
  });

  it('removed vectors are never returned and do not count', () => {
    const index = VectorIndex.create(DIM, { m: 16, efConstruction: 100, efSearch: 64 }, 100);
    VECTORS.slice(0, 100).forEach((v, i) => index.add(i, v));
    for (let i = 0; i < 100; i += 2) index.remove(i);
    expect(index.size).toBe(50);
    expect(index.deletedCount).toBe(50);
    for (let i = 0; i < 100; i += 9) {
      const hits = index.search(VECTORS[i]!, 60);
      expect(hits.length).toBeLessThanOrEqual(50);
      expect(hits.every((h) => h.id % 2 === 1)).toBe(true);
    }
    expect(index.vector(3).length).toBe(DIM);
  });

  it('asking for more neighbours than exist returns what there is', () => {
    const index = VectorIndex.create(DIM, POOR);
    expect(index.search(VECTORS[0]!, 5)).toEqual([]);
    index.add(7, VECTORS[0]!);
    expect(index.search(VECTORS[0]!, 5).map((h) => h.id)).toEqual([7]);
  });
});

describe('LexicalIndex', () => {
  const docs = [
    { id: 1, text: '区委书记张智奎主持会议。区委副书记蔡焘出席。', section: '永川区委常委会', title: '永川区委常委会召开会议' },
    { id: 2, text: '荣昌区委书记高洪波表示，将加快建设现代化产业体系。', section: '荣昌', title: '巴渝大地引发强烈反响' },
    { id: 3, text: '长江、乌江涪陵段水质稳定保持Ⅱ类。', section: '生态', title: '美丽重庆' },
    { id: 4, text: '项目负责人介绍了施工进度。', section: '潼南 开放合作', title: '渝西八区' },
  ];

  it('finds documents by jieba terms, best match first', () => {
    const lex = LexicalIndex.build(docs);
    expect(lex.docCount).toBe(4);
    const hits = lex.search(terms('张智奎'), 10);
    expect(hits.map((h) => h.id)).toEqual([1]);
    const both = lex.search(terms('区委书记'), 10).map((h) => h.id);
    expect(both.sort()).toEqual([1, 2]);
    expect(lex.search([], 10)).toEqual([]);
    expect(lex.search(terms('成都'), 10)).toEqual([]);
  });

  it('also searches the section and the title fields', () => {
    const lex = LexicalIndex.build(docs);
    expect(lex.search(terms('潼南'), 10).map((h) => h.id)).toEqual([4]);
    expect(lex.search(terms('渝西'), 10).map((h) => h.id)).toEqual([4]);
  });

  it('counts the passages that use a term, in any field', () => {
    const lex = LexicalIndex.build(docs);
    expect(lex.df('区委书记')).toBe(2);
    expect(lex.df('张智奎')).toBe(1);
    expect(lex.df('潼南')).toBe(1); // only in a section heading: still a word the coverage uses
    expect(lex.df('成都')).toBe(0);
  });

  it('ranks by BM25: a rarer term outweighs a common one, a shorter match outranks a longer one', () => {
    const lex = LexicalIndex.build([
      { id: 10, text: '重庆 重庆 重庆 永川', section: '', title: '' },
      { id: 11, text: '重庆 璧山', section: '', title: '' },
      { id: 12, text: '重庆 江津', section: '', title: '' },
      { id: 13, text: '重庆 璧山 以及很多很多别的词语 和更多的内容 让这一段变得很长很长', section: '', title: '' },
    ]);
    expect(lex.search(terms('重庆 璧山'), 10).map((h) => h.id).slice(0, 2)).toEqual([11, 13]);
    const scores = lex.search(terms('重庆'), 10).map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('normalises traditional characters and full-width digits like the queries', () => {
    const lex = LexicalIndex.build(docs);
    expect(lex.search(terms('區委書記張智奎'), 10)[0]!.id).toBe(1);
  });

  it('survives a binary round trip with identical results, and refuses damaged bytes', () => {
    const lex = LexicalIndex.build(docs);
    const bytes = lex.toBuffer();
    expect(() => LexicalIndex.fromBuffer(bytes.subarray(0, bytes.length - 4))).toThrow();
    expect(() => LexicalIndex.fromBuffer(Buffer.alloc(bytes.length, 0x78))).toThrow();
    // An unaligned copy (as a slice of a larger buffer can be) loads the same.
    const unaligned = Buffer.concat([Buffer.alloc(1), bytes]).subarray(1);
    const back = LexicalIndex.fromBuffer(unaligned);
    for (const q of ['区委书记', '水质', '张智奎', '施工', '潼南']) {
      expect(back.search(terms(q), 10)).toEqual(lex.search(terms(q), 10));
    }
    expect(back.df('区委书记')).toBe(2);
  });

  it('opened from its file reads postings as queries need them, with the same results and bytes', () => {
    const lex = LexicalIndex.build(docs);
    const file = path.join(tempDir('lex-'), 'lexical.bin');
    writeFileSync(file, lex.toBuffer());
    const opened = LexicalIndex.openFile(file);
    for (const q of ['区委书记', '水质', '张智奎', '施工', '潼南', '成都', '']) {
      expect(opened.search(terms(q), 10)).toEqual(lex.search(terms(q), 10));
      for (const t of terms(q)) expect(opened.df(t)).toBe(lex.df(t));
    }
    expect([...opened.vocabulary()]).toEqual([...lex.vocabulary()]);
    expect(opened.docCount).toBe(4);
    expect(opened.toBuffer().equals(lex.toBuffer())).toBe(true);
    // A file that is not an index, is cut short, or whose term offsets point past the postings is refused.
    const bytes = lex.toBuffer();
    const bad = (b: Buffer) => {
      writeFileSync(file, b);
      return () => LexicalIndex.openFile(file);
    };
    expect(bad(Buffer.from('garbage'))).toThrow(LexicalIndexFormatError);
    expect(bad(Buffer.alloc(bytes.length, 0x78))).toThrow(LexicalIndexFormatError);
    expect(bad(bytes.subarray(0, bytes.length - 4))).toThrow(LexicalIndexFormatError);
    const [, , n, t, , vocabBytes] = new Uint32Array(Uint8Array.from(bytes.subarray(0, 24)).buffer);
    const lastOffset = 24 + 4 * n! + vocabBytes! + ((4 - (vocabBytes! % 4)) % 4) + 4 * t!;
    const pastTheEnd = Buffer.from(bytes);
    pastTheEnd.writeUInt32LE(1 << 20, lastOffset);
    expect(bad(pastTheEnd)).toThrow(/offsets/);
    expect(() => LexicalIndex.fromBuffer(pastTheEnd)).toThrow(/offsets/);
  });
});

describe('records: articles and chunk spans', () => {
  const text = '永川区委书记张智奎主持会议。\n\n荣昌区委书记高洪波表示。\n\n𠮷野家在璧山开店。';
  const articles: Article[] = [
    {
      meta: { file: 'a.txt', title: '甲', paper: '', date: '2024-05-01' },
      text,
      blocks: [
        { kind: 'heading', text: text.slice(0, 14), start: 0, end: 14, section: '' },
        { kind: 'paragraph', text: text.slice(16, 28), start: 16, end: 28, section: '永川' },
        { kind: 'paragraph', text: text.slice(30), start: 30, end: text.length, section: '璧山' },
      ],
      hash: 'h1',
    },
    { meta: { file: 'b.txt', title: '乙', paper: 'p', date: '' }, text: '短文。', blocks: [{ kind: 'paragraph', text: '短文。', start: 0, end: 3, section: '' }], hash: 'h2' },
  ];
  const chunks: Chunk[] = [
    { id: 7, file: 'a.txt', text: text.slice(0, 20), start: 0, end: 20, section: '', block: 0 },
    { id: 3, file: 'b.txt', text: '短文。', start: 0, end: 3, section: '', block: 0 },
    { id: 9, file: 'a.txt', text: text.slice(30), start: 30, end: text.length, section: '璧山', block: 2 },
  ];
  const { texts, json } = encodeArticles(articles);
  const chunkBytes = encodeChunks(chunks, articles);

  it('decode to what was encoded; passages are a read-only map in file order, each made once', () => {
    const back = decodeArticles(texts, json);
    expect(back.map((a) => ({ meta: a.meta, text: a.text, blocks: a.blocks, hash: a.hash }))).toEqual(articles);
    // Decoded articles encode to the same bytes (ingest re-writes the ones it keeps).
    expect(encodeArticles(back).texts.equals(texts)).toBe(true);
    expect(encodeArticles(back).json).toBe(json);
    const table = decodeChunks(chunkBytes, decodeArticles(texts, json));
    expect(table.size).toBe(3);
    expect([...table.keys()]).toEqual([7, 3, 9]);
    expect([...table.values()]).toEqual(chunks);
    expect([...table]).toEqual(chunks.map((c) => [c.id, c]));
    expect(table.get(9)).toEqual(chunks[2]);
    expect(table.get(9)).toBe(table.get(9));
    expect(table.has(3) && !table.has(4)).toBe(true);
    expect(table.get(4)).toBeUndefined();
    expect(encodeChunks([...table.values()], back).equals(chunkBytes)).toBe(true);
  });

  it('spans that do not fit their article, and repeated ids, are refused', () => {
    const damaged = (field: number, value: number) => {
      const ints = new Int32Array(Uint8Array.from(chunkBytes).buffer);
      ints[field] = value;
      return () => decodeChunks(Buffer.from(ints.buffer), decodeArticles(texts, json));
    };
    expect(damaged(5 + 4, 1)).toThrow(RecordFormatError); // b.txt has one block
    expect(damaged(5 + 3, 4)).toThrow(RecordFormatError); // past b.txt's text
    expect(damaged(5 + 1, 2)).toThrow(RecordFormatError); // no third article
    expect(damaged(5 + 2, 3)).toThrow(RecordFormatError); // empty span
    expect(damaged(5, 7)).toThrow(/repeat/);
    expect(() => decodeChunks(chunkBytes.subarray(0, 18), decodeArticles(texts, json))).toThrow(RecordFormatError);
    expect(() => decodeArticles(texts.subarray(0, texts.length - 2), json)).toThrow(/missing/);
  });
});

/** An index of N one-character chunks with synthetic vectors, written through writeIndex. */
function syntheticContent(): IndexContent {
  const text = '甲'.repeat(N);
  const article: Article = {
    meta: { file: 'synthetic.txt', title: '合成', paper: '', date: '' },
    text,
    blocks: [{ kind: 'paragraph', text, start: 0, end: N, section: '' }],
    hash: 'x',
  };
  const chunks: Chunk[] = Array.from({ length: N }, (_, i) => ({ id: i, file: 'synthetic.txt', text: '甲', start: i, end: i + 1, section: '', block: 0 }));
  return {
    manifest: {
      inputs: indexInputs(),
      chunker: { maxChars: 400, overlapChars: 60 },
      vectors: { model: 'synthetic', quantized: false, dim: DIM, pooling: 'mean', queryPrefix: '', passagePrefix: '', space: 'cosine', m: POOR.m, efConstruction: POOR.efConstruction, deleted: 0 },
      files: { 'synthetic.txt': { hash: 'x' } },
      nextId: N,
    },
    articles: [article],
    chunks,
    lexical: LexicalIndex.build([{ id: 0, text: '甲', section: '', title: '' }]),
    bigrams: LexicalIndex.build([{ id: 0, text: '甲', section: '', title: '' }]),
    vectors: buildPoor(),
  };
}

describe('store: writeIndex / openIndex', () => {
  let dir: string;
  let content: IndexContent;
  beforeAll(async () => {
    dir = tempDir('store-');
    content = syntheticContent();
    await writeIndex(dir, content);
  });

  const versionDir = (d: string) => path.join(d, readFileSync(path.join(d, 'CURRENT'), 'utf8').split(' ')[0]!);

  it('publishes one version folder named by CURRENT, with a manifest of sizes', () => {
    const versions = readdirSync(dir).filter((n) => n.startsWith('v-'));
    expect(versions).toHaveLength(1);
    expect(versionDir(dir)).toBe(path.join(dir, versions[0]!));
    const m = readManifest(dir)!;
    expect(Object.keys(m.sizes).sort()).toEqual(['articles.json', 'bigrams.bin', 'chunks.bin', 'lexical.bin', 'texts.u16', 'vectors.hnsw']);
    for (const [name, size] of Object.entries(m.sizes)) expect(statSync(path.join(versionDir(dir), name)).size).toBe(size);
    expect(m.vectors).toMatchObject({ model: 'synthetic', dim: DIM });
  });

  it('openIndex re-applies efSearch: results equal the index before saving', async () => {
    const before = QUERIES.map((q) => content.vectors!.search(q, 10));
    const opened = await openIndex(dir, POOR.efSearch);
    expect(opened.vectors!.size).toBe(N);
    expect(QUERIES.map((q) => opened.vectors!.search(q, 10))).toEqual(before);
    const narrow = await openIndex(dir, 10);
    const r = (ix: VectorIndex) => recall((q) => ix.search(q, 10).map((h) => h.id));
    expect(r(narrow.vectors!)).toBeLessThan(r(opened.vectors!) - 0.2);
  });

  it.each([
    ['here', Infinity],
    ['on a worker thread', 0],
  ])('chunk texts are restored from the article spans (files read %s)', async (_, readOffThreadFrom) => {
    const opened = await openIndex(dir, 64, { readOffThreadFrom });
    expect(opened.chunks.size).toBe(N);
    expect(opened.chunks.get(5)).toEqual(content.chunks[5]);
    expect(opened.articles.get('synthetic.txt')!.text).toBe(content.articles[0]!.text);
    expect(opened.lexical.search(['甲'], 5)).toEqual(content.lexical.search(['甲'], 5));
  });

  it('a manifest read again is verified again: damage after the first read is still caught', async () => {
    const d = tempDir('store-manifest-');
    await writeIndex(d, content);
    const first = readManifest(d)!;
    expect(readManifest(d)).toEqual(first);
    const f = path.join(versionDir(d), 'manifest.json');
    const bytes = readFileSync(f);
    bytes[bytes.length >> 1]! ^= 0x01;
    writeFileSync(f, bytes);
    expect(() => readManifest(d)).toThrow(IndexCorruptError);
    await expect(openIndex(d, 64)).rejects.toThrow(/manifest\.json does not match its checksum/);
  });

  it('an empty folder has no index', async () => {
    const empty = tempDir('store-empty-');
    expect(readManifest(empty)).toBeUndefined();
    await expect(openIndex(empty, 64)).rejects.toThrow(IndexMissingError);
  });

  it('a publish replaces the current version, keeps the previous one for rollback and removes older ones', async () => {
    const d = tempDir('store2-');
    await writeIndex(d, content);
    const first = versionDir(d);
    await new Promise((r) => setTimeout(r, 5));
    await writeIndex(d, content);
    const second = versionDir(d);
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    await writeIndex(d, { ...content, vectors: null, manifest: { ...content.manifest, vectors: null } });
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(true);
    expect(readdirSync(d).filter((n) => n.startsWith('v-'))).toHaveLength(2);
    expect(readdirSync(d).filter((n) => n.includes('.tmp'))).toEqual([]);
    expect((await openIndex(d, 64)).vectors).toBeNull();
  });

  describe('damage is detected as IndexCorruptError with a one-line message', () => {
    async function damaged(damage: (version: string) => void): Promise<Error> {
      const d = tempDir('store-bad-');
      await writeIndex(d, content);
      damage(versionDir(d));
      try {
        await openIndex(d, 64);
      } catch (e) {
        return e as Error;
      }
      throw new Error('openIndex accepted a damaged index');
    }
    const oneLine = (e: Error) => {
      expect(e).toBeInstanceOf(IndexCorruptError);
      expect(e.message).not.toMatch(/\n/);
      expect(e.message.length).toBeLessThan(400);
    };

    it('truncated vectors.hnsw', async () => {
      const e = await damaged((v) => truncateSync(path.join(v, 'vectors.hnsw'), 1000));
      oneLine(e);
      expect(e.message).toMatch(/vectors\.hnsw/);
    });

    it('vectors.hnsw of the right size but garbage content', async () => {
      const e = await damaged((v) => {
        const f = path.join(v, 'vectors.hnsw');
        writeFileSync(f, Buffer.alloc(statSync(f).size, 0xff));
      });
      oneLine(e);
      expect(e.message).toMatch(/vectors\.hnsw/);
    });

    it('lexical.bin overwritten with garbage (any size)', async () => {
      oneLine(await damaged((v) => writeFileSync(path.join(v, 'lexical.bin'), 'garbage')));
      const same = await damaged((v) => {
        const f = path.join(v, 'lexical.bin');
        writeFileSync(f, 'x'.repeat(statSync(f).size));
      });
      oneLine(same);
      expect(same.message).toMatch(/lexical\.bin/);
    });

    it('chunk spans missing, or not matching the articles (same size, so only their content tells)', async () => {
      const { rmSync } = await import('node:fs');
      oneLine(await damaged((v) => rmSync(path.join(v, 'chunks.bin'))));
      const e = await damaged((v) => {
        const f = path.join(v, 'chunks.bin');
        const ints = new Int32Array(Uint8Array.from(readFileSync(f)).buffer);
        ints[3] = N + 99; // the first chunk's end, past its article's text
        writeFileSync(f, Buffer.from(ints.buffer));
      });
      oneLine(e);
      expect(e.message).toMatch(/checksum|passages|articles/);
    });

    it('truncated article texts are refused', async () => {
      const e = await damaged((v) => {
        const f = path.join(v, 'texts.u16');
        writeFileSync(f, Buffer.alloc(Math.max(0, statSync(f).size - 3), 0x41));
      });
      oneLine(e);
    });

    it.each([
      ['here', Infinity],
      ['on a worker thread', 0],
    ])('one flipped byte in any data file, read %s, fails its checksum', async (_, readOffThreadFrom) => {
      for (const name of ['articles.json', 'texts.u16', 'chunks.bin', 'lexical.bin', 'bigrams.bin']) {
        const d = tempDir('store-flip-');
        await writeIndex(d, content);
        const f = path.join(versionDir(d), name);
        const bytes = readFileSync(f);
        bytes[bytes.length >> 1]! ^= 0x10;
        writeFileSync(f, bytes);
        const e = await openIndex(d, 64, { readOffThreadFrom }).then(() => new Error(`${name}: accepted`), (x: Error) => x);
        oneLine(e);
        expect(e.message).toContain(`${name} does not match its checksum`);
      }
    });

    it('unreadable manifest or a CURRENT that names no version', async () => {
      oneLine(await damaged((v) => writeFileSync(path.join(v, 'manifest.json'), '{not json')));
      oneLine(await damaged((v) => writeFileSync(path.join(path.dirname(v), 'CURRENT'), '../../etc\n')));
    });
  });
});
