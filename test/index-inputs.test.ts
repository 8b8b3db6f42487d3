// The build inputs recorded in the manifest (src/index/inputs.ts): changing any of them makes the index
// stale and the next ingest rebuilds it with a one-line reason naming the input.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ingestOptions } from '../src/boot.js';
import { configWith } from '../src/config.js';
import { checksum } from '../src/index/checksum.js';
import { indexIsCurrent, ingest, type IngestProgress } from '../src/index/ingest.js';
import { CHUNKER_VERSION, CLEANER_VERSION, NORMALIZER_VERSION, indexInputs, inputChange, registerIndexInput } from '../src/index/inputs.js';
import { CHINESE } from '../src/text/lexicon.js';
import { currentVersion, readManifest } from '../src/index/store.js';
import { SEEDS, copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

function fresh() {
  const corpus = copyCorpus();
  const indexDir = path.join(tempDir('inputs-'), 'embeddings');
  return ingestOptions(configWith({ CORPUS_DIR: corpus, EMBEDDINGS_DIR: indexDir, ALLOW_MODEL_DOWNLOAD: 'false' }), null);
}

/** Rewrites the published manifest as if the index had been built with other inputs (CURRENT re-signed). */
function builtWith(indexDir: string, change: (inputs: Record<string, string>) => void): void {
  const version = currentVersion(indexDir)!;
  const file = path.join(indexDir, version, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, string> };
  change(manifest.inputs);
  const json = JSON.stringify(manifest);
  writeFileSync(file, json);
  writeFileSync(path.join(indexDir, 'CURRENT'), `${version} ${checksum(json)}\n`);
}

async function rebuildReasons(opts: ReturnType<typeof fresh>): Promise<{ notices: string[]; changed: string[] }> {
  const notices: string[] = [];
  const r = await ingest({ ...opts, onProgress: (e: IngestProgress) => e.phase === 'notice' && notices.push(e.message) });
  expect(r.upToDate).toBe(false);
  return { notices, changed: r.changedFiles };
}

describe('build inputs', () => {
  it('records the segmenter dictionary (package version and file sizes) and supplement (content hash), normaliser, cleaner and chunker versions', async () => {
    const opts = fresh();
    await ingest(opts);
    const inputs = readManifest(opts.indexDir)!.inputs;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['segmenter-dictionary', 'segmenter-supplement', 'normalizer', 'cleaner', 'chunker', 'lexicon']));
    // The shipped lexicon is registered by src/index/inputs.ts itself, not by whoever happens to load it.
    expect(inputs.lexicon).toBe(CHINESE.hash);
    expect(inputs['segmenter-dictionary']).toMatch(/^[0-9a-f]{16}$/);
    expect(inputs['segmenter-supplement']).toMatch(/^[0-9a-f]{16}$/);
    expect(await indexIsCurrent(opts)).toBe(true);
  });

  const cases: [string, RegExp][] = [
    ['segmenter-dictionary', /^segmenter dictionary changed since the last build: re-chunking every article$/],
    ['segmenter-supplement', /^segmenter dictionary supplement \(src\/text\/dict-supplement\.ts\) changed/],
    ['normalizer', /^normaliser changed/],
    ['cleaner', /^cleaning rules changed/],
    ['chunker', /^chunking rules changed/],
    ['lexicon', /^Chinese lexicon \(src\/text\/lexicon\.ts\) changed/],
  ];
  for (const [name, reason] of cases) {
    it(`a different ${name} makes the index stale and rebuilds it with the reason "${reason.source}"`, async () => {
      const opts = fresh();
      await ingest(opts);
      builtWith(opts.indexDir, (inputs) => (inputs[name] = 'something-else'));
      expect(await indexIsCurrent(opts)).toBe(false);
      const { notices, changed } = await rebuildReasons(opts);
      expect(notices.filter((n) => reason.test(n))).toHaveLength(1);
      expect(notices.every((n) => !n.includes('\n'))).toBe(true);
      expect([...changed].sort()).toEqual([...SEEDS].sort());
      expect(readManifest(opts.indexDir)!.inputs[name]).toBe(indexInputs()[name]);
      expect(await indexIsCurrent(opts)).toBe(true);
    });
  }

  it('a registered input (the lexicon) is recorded, and a change of its hash rebuilds with its name', async () => {
    let lexicon = 'lexicon-v1';
    registerIndexInput('lexicon', () => lexicon);
    const opts = fresh();
    await ingest(opts);
    expect(readManifest(opts.indexDir)!.inputs.lexicon).toBe('lexicon-v1');
    lexicon = 'lexicon-v2';
    expect(await indexIsCurrent(opts)).toBe(false);
    const { notices } = await rebuildReasons(opts);
    expect(notices).toContain('lexicon changed since the last build: re-chunking every article');
    expect(readManifest(opts.indexDir)!.inputs.lexicon).toBe('lexicon-v2');
  });

  it('the supplement hash follows the content of src/text/dict-supplement.ts', async () => {
    const real = indexInputs()['segmenter-supplement'];
    vi.resetModules();
    vi.doMock('../src/text/dict-supplement.js', () => ({ DICT_SUPPLEMENT: '\n永川区 1000 ns\n新词语 10 n\n' }));
    const edited = (await import('../src/index/inputs.js')).indexInputs()['segmenter-supplement'];
    vi.doUnmock('../src/text/dict-supplement.js');
    expect(edited).toMatch(/^[0-9a-f]{16}$/);
    expect(edited).not.toBe(real);
    expect(inputChange({ ...indexInputs(), 'segmenter-supplement': edited! })).toBe('segmenter dictionary supplement (src/text/dict-supplement.ts) changed');
  });

  it('an index that records no inputs (an older build) is stale with a reason', () => {
    expect(inputChange(undefined)).toMatch(/no build inputs/);
    expect(inputChange(indexInputs())).toBeUndefined();
  });
});

describe('the versioned build inputs', () => {
  // The normaliser, the cleaner and the chunker are code: the manifest records a version number for each.
  // Their sources are pinned here with that version, so an edit without a bump fails this test instead of
  // leaving indexes built by the old code looking current. On a deliberate change: bump the version in
  // src/index/inputs.ts and record the new hash below (the failure prints it).
  const ledger = [
    { name: 'normalizer', version: NORMALIZER_VERSION, files: ['src/text/normalize.ts', 'src/text/numbers.ts', 'src/text/chars.ts'], at: '4:f9173fc666e69380' },
    {
      name: 'cleaner',
      version: CLEANER_VERSION,
      files: ['src/corpus/clean.ts', 'src/corpus/credits.ts', 'src/corpus/decode.ts', 'src/corpus/metadata.ts', 'src/corpus/dates.ts', 'src/corpus/load.ts', 'src/text/chars.ts'],
      at: '7:464c0513fc3abc74',
    },
    { name: 'chunker', version: CHUNKER_VERSION, files: ['src/corpus/chunk.ts', 'src/corpus/credits.ts', 'src/corpus/sentences.ts'], at: '4:4ead76841ca32651' },
  ];
  const root = path.resolve(import.meta.dirname, '..');

  it.each(ledger)('$name: its sources are those of the version the manifest records', ({ name, version, files, at }) => {
    const hash = createHash('sha256');
    for (const f of files) hash.update(readFileSync(path.join(root, f), 'utf8').replace(/\r\n/g, '\n'));
    const now = `${version}:${hash.digest('hex').slice(0, 16)}`;
    expect(now, `${name} sources changed: bump its version in src/index/inputs.ts, then record "${version + 1}:…" here`).toBe(at);
    expect(indexInputs()[name]).toBe(String(version));
  });
});
