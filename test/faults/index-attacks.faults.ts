// Long attacks on the index store (`npm run test:faults`, run by .ci/run): ≥ 500 random byte flips over
// every index file, and 100 rounds of concurrent writer processes. Figures are printed for the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { byteFlips, concurrentWriters } from '../helpers/attacks.js';
import { loadTiny } from '../helpers/embedder.js';
import { removeTempDirs } from '../helpers/fs.js';

afterAll(removeTempDirs);

let tiny: Embedder;
beforeAll(async () => {
  tiny = await loadTiny();
});

describe('index attacks (long)', () => {
  it('600 random byte flips: every one detected (and rebuilt) or harmless — 0 crashes, 0 wrong quotes', async () => {
    const s = await byteFlips(tiny, 600, 20261130, 25);
    console.log(`byte flips: ${s.trials} trials, ${s.detected} detected, ${s.harmless} harmless, ${s.rebuilt} rebuilds checked, per file ${JSON.stringify(s.perFile)}`);
    expect(s.failures).toEqual([]);
    expect(s.detected + s.harmless).toBe(s.trials);
  }, 900_000);

  it('100 rounds of 2 concurrent ingests + ask, one ingest SIGKILLed every 10th round: 0 lost indexes', async () => {
    const s = await concurrentWriters(100, 7, 2, 10);
    console.log(`concurrent writers: ${s.rounds} rounds × ${s.writers} ingests + ask, ${s.killed} killed, reader errors ${s.pollerErrors}, at most ${s.maxVersions} version folders, failures ${s.failures.length}`);
    expect(s.failures).toEqual([]);
    expect(s.pollerErrors).toBe(0);
  }, 1_800_000);
});
