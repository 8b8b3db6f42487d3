// The embedder (src/embed/embedder.ts) through the real transformers.js loading path, with the tiny
// random-weight model in test/fixtures/models. Its vectors mean nothing, so only mechanics are asserted:
// dimension, normalisation, order, batching, prefixes, errors. Model profiles: src/embed/models.ts.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmbedderUnavailableError, loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { profileFor } from '../src/embed/models.js';
import { FIXTURE_MODELS, TINY_MODEL, removeTempDirs, tempDir } from './helpers/fs.js';
import { cosine, loadTiny, norm, tinyOptions } from './helpers/embedder.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

const TEXTS = [
  '永川区委书记张智奎主持会议。',
  '长江、乌江涪陵段水质稳定保持Ⅱ类，城镇集中式饮用水水源地水质达标率100%。',
  '2023年，成渝地区双城经济圈地区生产总值迈上8万亿级新台阶，常住人口增长至9853.6万人，在打造增长极和动力源上取得了显著成效。',
  '好',
  '“威致科技”在制动、转向、悬架、轻量化产品系统领域取得了显著进展。',
  '今年2月，重庆贝思远新能源有限公司与加纳共和国JA&ZCOLTD公司在潼南区签署汽车出口合作协议。',
  '荣昌区建立“四级调度”机制：区委书记季度调度、区长双月调度、常务副区长按月调度、联系区领导随时调度。',
  'The Yongchuan sci-tech film studio.',
  '会议还研究了其他事项。',
  '江津班列开行1804列',
];

/**
 * fp32: pad positions are masked out of attention and pooling, and each row's arithmetic does not
 * depend on the other rows, so a batched passage equals the passage alone — measured exactly 0 on an
 * AVX2 CPU (test/bench/batch-invariance.ts). The bound only allows for GEMM kernels on other CPUs that
 * block (and so sum) differently by batch size: float32 rounding, ~1e-7 relative.
 */
const FP32_BATCH_TOLERANCE = 1e-6;
/**
 * int8 (1 − cosine to the passage alone). The model is onnxruntime's dynamic quantisation: before each
 * MatMulInteger, DynamicQuantizeLinear maps the WHOLE activation tensor [batch × tokens × hidden] to
 * uint8 with one scale and zero point taken from its min and max, padding rows included. A batch-mate
 * with a wider range coarsens every passage's rounding (error ≤ scale/2 per element); batching by token
 * count removes the padding but not this shared scale. Measured with test/bench/batch-invariance.ts
 * (600 rounds, ~10k random passages, batches of up to 8 by token count) on AVX2 without AVX-512:
 * worst 4.1e-3 (character-count batching: 3.4e-3 — the shared scale, not padding, dominates). Other
 * CPUs use other u8×s8 kernels (AVX2's vpmaddubsw saturates 16-bit pair sums, AVX-512 VNNI accumulates
 * in 32 bits, ARM's differ again), which shifts rounding by the same order: the bound leaves ~5× margin
 * over the worst case seen. (The int8 model is not what keeps order: the fp32 test above checks that.)
 */
const INT8_BATCH_TOLERANCE = 2e-2;

let tiny: Embedder;
beforeAll(async () => {
  tiny = await loadTiny();
});

describe('tiny model through transformers.js', () => {
  it('loads from the local model folder and reports its identity and a 32-dim output', () => {
    expect(tiny.info).toEqual({
      model: TINY_MODEL,
      quantized: true,
      dim: 32,
      pooling: 'mean',
      queryPrefix: '',
      passagePrefix: '',
    });
    expect(tiny.profile.multilingual).toBe(false);
  });

  it('returns unit-length vectors of the reported dimension', async () => {
    const vs = await tiny.embedPassages(TEXTS);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(32);
      expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-4);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    const q = await tiny.embedQuery('永川区委书记是谁？');
    expect(Math.abs(norm(q) - 1)).toBeLessThan(1e-4);
  });

  it('returns one vector per passage, in input order (fp32: identical to the passage embedded alone)', async () => {
    const full = await loadTiny({ quantized: false });
    const together = await full.embedPassages(TEXTS);
    expect(together).toHaveLength(TEXTS.length);
    for (let i = 0; i < TEXTS.length; i++) {
      const [alone] = await full.embedRaw([TEXTS[i]!]);
      expect(1 - cosine(together[i]!, alone!), `passage ${i}`).toBeLessThan(FP32_BATCH_TOLERANCE);
      // Distinct texts are far apart, so a swapped order could not pass the bound above.
      if (i > 0) expect(1 - cosine(together[i]!, together[i - 1]!)).toBeGreaterThan(1e3 * FP32_BATCH_TOLERANCE);
    }
  });

  it('int8: a passage batched with others stays within the measured tolerance of the passage alone', async () => {
    const together = await tiny.embedPassages(TEXTS);
    for (let i = 0; i < TEXTS.length; i++) {
      const [alone] = await tiny.embedRaw([TEXTS[i]!]);
      expect(1 - cosine(together[i]!, alone!), `passage ${i}`).toBeLessThan(INT8_BATCH_TOLERANCE);
    }
  });

  it('batches by token count: passages of one token length share a batch, results in input order', async () => {
    const e = await loadTiny({ quantized: false, batchSize: 2 });
    const calls: string[][] = [];
    const raw = e.embedRaw.bind(e);
    e.embedRaw = (texts) => (calls.push(texts), raw(texts));
    // Character counts and token counts disagree: an English word is one character per letter but few tokens.
    const texts = ['会议还研究了其他事项。', 'studio', '好', 'film studio', '江津班列开行', '区委'];
    const tokens = texts.map((t) => e.tokenCount(t));
    const out = await e.embedPassages(texts);
    // The batches, in the order embedded, hold the passages in increasing token count.
    const flat = calls.flat().map((t) => tokens[texts.indexOf(t)]!);
    expect(flat).toEqual([...tokens].sort((a, b) => a - b));
    expect(calls.every((c) => c.length <= 2)).toBe(true);
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await e.embedRaw([texts[i]!]);
      expect(1 - cosine(out[i]!, alone!)).toBeLessThan(FP32_BATCH_TOLERANCE);
    }
  });

  it('gives the same vectors with batch sizes 1, 3 and 8, and reports progress per batch', async () => {
    for (const quantized of [false, true]) {
      const results: Float32Array[][] = [];
      for (const batchSize of [1, 3, 8]) {
        const e = await loadTiny({ batchSize, quantized });
        const progress: number[] = [];
        results.push(await e.embedPassages(TEXTS, (done) => progress.push(done)));
        expect(progress).toHaveLength(Math.ceil(TEXTS.length / batchSize));
        expect(progress[progress.length - 1]).toBe(TEXTS.length);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
      }
      // Batch size 1 is every passage alone: the reference.
      const bound = quantized ? INT8_BATCH_TOLERANCE : FP32_BATCH_TOLERANCE;
      for (let i = 0; i < TEXTS.length; i++) {
        expect(1 - cosine(results[0]![i]!, results[1]![i]!)).toBeLessThan(bound);
        expect(1 - cosine(results[0]![i]!, results[2]![i]!)).toBeLessThan(bound);
      }
    }
  });

  it('handles an empty input list', async () => {
    expect(await tiny.embedPassages([])).toEqual([]);
    expect(await tiny.embedRaw([])).toEqual([]);
  });

  it('is deterministic across loads', async () => {
    const again = await loadTiny();
    const a = await tiny.embedRaw(TEXTS.slice(0, 3));
    const b = await again.embedRaw(TEXTS.slice(0, 3));
    for (let i = 0; i < 3; i++) expect(Array.from(b[i]!)).toEqual(Array.from(a[i]!));
  });

  it('quantized: false loads onnx/model.onnx and gives close but not identical vectors', async () => {
    const full = await loadTiny({ quantized: false });
    expect(full.info).toMatchObject({ model: TINY_MODEL, quantized: false, dim: 32 });
    const [f] = await full.embedRaw([TEXTS[1]!]);
    const [q] = await tiny.embedRaw([TEXTS[1]!]);
    expect(Math.abs(norm(f!) - 1)).toBeLessThan(1e-4);
    expect(Array.from(f!)).not.toEqual(Array.from(q!));
  });

  it('applies the pooling of the profile (cls differs from mean)', async () => {
    const cls = await loadTiny({ profile: { pooling: 'cls' } });
    expect(cls.info.pooling).toBe('cls');
    const [a] = await cls.embedRaw([TEXTS[2]!]);
    const [b] = await tiny.embedRaw([TEXTS[2]!]);
    expect(cosine(a!, b!)).toBeLessThan(0.999);
  });
});

describe('prefixes', () => {
  it('the query prefix goes on queries only, the passage prefix on passages only', async () => {
    const e = await loadTiny({ profile: { queryPrefix: 'query: ', passagePrefix: 'passage: ' } });
    expect(e.info).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const x = TEXTS[0]!;
    const q = await e.embedQuery(x);
    const [rawQ] = await e.embedRaw(['query: ' + x]);
    expect(cosine(q, rawQ!)).toBeGreaterThan(0.9999);
    const [p] = await e.embedPassages([x]);
    const [rawP] = await e.embedRaw(['passage: ' + x]);
    expect(cosine(p!, rawP!)).toBeGreaterThan(0.9999);
    // …and the prefixes really change the input.
    const [bare] = await e.embedRaw([x]);
    expect(cosine(q, bare!)).toBeLessThan(0.9999);
    expect(cosine(p!, bare!)).toBeLessThan(0.9999);
    expect(cosine(q, p!)).toBeLessThan(0.9999);
  });

  it('without prefixes a query and a passage of the same text embed alike', async () => {
    const q = await tiny.embedQuery(TEXTS[3]!);
    const [p] = await tiny.embedPassages([TEXTS[3]!]);
    expect(cosine(q, p!)).toBeGreaterThan(0.9999);
  });
});

describe('an unavailable model', () => {
  it('a missing model folder gives EmbedderUnavailableError naming the model and the folder, with no network access', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const empty = tempDir('models-');
    const err = await loadEmbedder(tinyOptions({ model: 'Xenova/bge-small-zh-v1.5', localDir: empty, allowDownload: true })).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(EmbedderUnavailableError);
    expect(err!.message).toContain('Xenova/bge-small-zh-v1.5');
    expect(err!.message).toContain(empty);
    expect(err!.message).not.toMatch(/\n/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a model missing from the cache with downloads off names the cache folder, with no network access', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const cacheDir = tempDir('cache-');
    const err = await loadEmbedder({ ...tinyOptions(), localDir: undefined, cacheDir, model: 'Xenova/multilingual-e5-small' }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(EmbedderUnavailableError);
    expect(err!.message).toContain('Xenova/multilingual-e5-small');
    expect(err!.message).toContain(cacheDir);
    expect(err!.message).toMatch(/download/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a model folder without its ONNX weights is unavailable (named), not a crash', async () => {
    const dir = tempDir('models-partial-');
    cpSync(path.join(FIXTURE_MODELS, TINY_MODEL), path.join(dir, TINY_MODEL), { recursive: true });
    rmSync(path.join(dir, TINY_MODEL, 'onnx', 'model_quantized.onnx'));
    const err = await loadEmbedder(tinyOptions({ localDir: dir })).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(EmbedderUnavailableError);
    expect(err!.message).toContain(`"${TINY_MODEL}"`);
    expect(err!.message).toContain(dir);
    // The unquantized weights are still there and load.
    const full = await loadEmbedder(tinyOptions({ localDir: dir, quantized: false }));
    expect(full.info.dim).toBe(32);
  });
});

describe('model profiles', () => {
  it('bge-small-zh: CLS pooling and the Chinese retrieval instruction on queries only', () => {
    const p = profileFor('Xenova/bge-small-zh-v1.5');
    expect(p.pooling).toBe('cls');
    expect(p.queryPrefix).toBe('为这个句子生成表示以用于检索相关文章：');
    expect(p.passagePrefix).toBe('');
    expect(p.multilingual).toBe(false);
  });

  it('multilingual-e5: mean pooling with "query: " / "passage: " and cross-language questions', () => {
    const p = profileFor('Xenova/multilingual-e5-small');
    expect(p).toEqual({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', multilingual: true });
    expect(profileFor('Xenova/multilingual-e5-base')).toEqual(p);
  });

  it('unknown ids are guessed from their family name', () => {
    expect(profileFor('someone/bge-base-zh-finetuned')).toMatchObject({ pooling: 'cls', queryPrefix: '为这个句子生成表示以用于检索相关文章：' });
    expect(profileFor('intfloat/e5-small-v2')).toEqual({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', multilingual: false });
    expect(profileFor(TINY_MODEL)).toEqual({ pooling: 'mean', queryPrefix: '', passagePrefix: '', multilingual: false });
  });

  it('settings override the profile, field by field', () => {
    const p = profileFor('Xenova/bge-small-zh-v1.5', { queryPrefix: '', multilingual: true });
    expect(p).toEqual({ pooling: 'cls', queryPrefix: '', passagePrefix: '', multilingual: true });
  });
});
