// Short attacks on the index store (seconds); the long versions run in `npm run test:faults`
// (test/faults/index-attacks.faults.ts). See test/helpers/attacks.ts for what each attack does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../src/embed/embedder.js';
import { byteFlips, concurrentWriters } from './helpers/attacks.js';
import { loadTiny } from './helpers/embedder.js';
import { removeTempDirs } from './helpers/fs.js';

afterAll(removeTempDirs);

let tiny: Embedder;
beforeAll(async () => {
  tiny = await loadTiny();
});

describe('index attacks (short)', () => {
  it('60 random byte flips over every index file: each detected (then rebuilt) or harmless, no crash, no wrong quote', async () => {
    const s = await byteFlips(tiny, 60, 1);
    expect(s.failures).toEqual([]);
    expect(s.detected + s.harmless).toBe(60);
    expect(s.detected).toBeGreaterThan(0);
    expect(s.rebuilt).toBeGreaterThan(0);
    // Every file was attacked at least once (8 files, 60 flips).
    expect(Object.keys(s.perFile).sort()).toEqual(['CURRENT', 'articles.json', 'bigrams.bin', 'chunks.bin', 'lexical.bin', 'manifest.json', 'texts.u16', 'vectors.hnsw']);
  }, 120_000);

  it('3 rounds of concurrent ingests + ask (one killed): CURRENT always names a loadable version, the canary is answered', async () => {
    const s = await concurrentWriters(3, 2, 2, 3);
    expect(s.failures).toEqual([]);
    expect(s.killed).toBe(1);
    expect(s.pollerErrors).toBe(0);
  }, 180_000);
});
