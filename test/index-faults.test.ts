// I/O failures while writing the index (disk full, …), injected at the file-system layer the store
// uses: the error names the path, the partial version folder is removed, CURRENT is untouched, and
// start-up keeps answering from the previous index with a warning. Also: /reload re-indexes in a child
// process, and a failed re-index leaves the engine in use.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ingestOptions, prepare, reloadIndex } from '../src/boot.js';
import { configWith } from '../src/config.js';
import { ingest } from '../src/index/ingest.js';
import { IndexWriteError, currentVersion, openIndex } from '../src/index/store.js';
import { log } from '../src/log.js';
import { copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';

const fault = vi.hoisted(() => ({ match: undefined as RegExp | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:fs/promises')>();
  // A handle whose writes fail as on a full disk, for files matching `fault.match`.
  const open = (async (file: string, flags?: string, mode?: number) => {
    const fh = await orig.open(file, flags, mode);
    if (!fault.match || flags !== 'w' || !fault.match.test(String(file))) return fh;
    const enospc = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
    return new Proxy(fh, {
      get: (target, prop) => {
        if (prop === 'writeFile' || prop === 'write') return enospc;
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }) as typeof orig.open;
  return { ...orig, open, default: { ...orig, open } };
});

afterAll(removeTempDirs);
afterEach(() => {
  fault.match = undefined;
  vi.restoreAllMocks();
});

function setup() {
  const corpus = copyCorpus();
  const indexDir = path.join(tempDir('faults-'), 'embeddings');
  const config = configWith({ CORPUS_DIR: corpus, EMBEDDINGS_DIR: indexDir, MODEL_DIR: tempDir('no-models-'), ALLOW_MODEL_DOWNLOAD: 'false', LOG_LEVEL: 'silent' });
  return { corpus, indexDir, config, opts: ingestOptions(config, null) };
}

const versions = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('v-'));

describe('disk full during ingest', () => {
  for (const target of ['texts.u16', 'lexical.bin', 'manifest.json', 'CURRENT.']) {
    it(`ENOSPC writing ${target}: one line naming the path, no partial folder, previous index intact`, async () => {
      const { corpus, indexDir, opts } = setup();
      await ingest(opts);
      const before = currentVersion(indexDir)!;
      writeFileSync(path.join(corpus, 'new.txt'), '新的报道内容，永川区召开会议研究部署重点工作。\n');
      fault.match = new RegExp(target.replace('.', '\\.'));
      const err = await ingest(opts).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(IndexWriteError);
      expect(err!.message).toContain(indexDir);
      expect(err!.message).toContain(target);
      expect(err!.message).toMatch(/no space left/);
      expect(err!.message).not.toMatch(/\n/);
      expect(currentVersion(indexDir)).toBe(before);
      expect(versions(indexDir)).toEqual([before]);
      expect(readdirSync(indexDir).filter((n) => n.includes('.tmp'))).toEqual([]);
      expect((await openIndex(indexDir, 64)).articles.has('new.txt')).toBe(false);
      // The disk has room again: the next ingest succeeds.
      fault.match = undefined;
      const r = await ingest(opts);
      expect(r.changedFiles).toEqual(['new.txt']);
    });
  }

  it('start-up with a stale index and a full disk answers from the previous index, with a warning', async () => {
    const { corpus, indexDir, config, opts } = setup();
    await ingest(opts);
    writeFileSync(path.join(corpus, 'new.txt'), '新的报道内容，永川区召开会议研究部署重点工作。\n');
    fault.match = /lexical\.bin/;
    const warnings: string[] = [];
    vi.spyOn(log, 'warn').mockImplementation((m) => void warnings.push(m));
    const { engine } = await prepare(config, { quiet: true });
    const answer = await engine.ask('永川区委书记是谁？', { k: 3 });
    expect(answer.answered).toBe(true);
    expect(answer.results.some((r) => r.text.includes('张智奎'))).toBe(true);
    const line = warnings.find((w) => /no space left/.test(w));
    expect(line).toMatch(/lexical\.bin/);
    expect(line).toMatch(/previous index/);
    expect(versions(indexDir)).toHaveLength(1);
  });

  it('with no previous index, a full disk is an error (nothing to answer from)', async () => {
    const { config } = setup();
    fault.match = /texts\.u16/;
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    await expect(prepare(config, { quiet: true })).rejects.toThrow(IndexWriteError);
  });
});

describe('/reload', () => {
  it('re-indexes in a child process and returns an engine over the new index', async () => {
    const { corpus, indexDir, config, opts } = setup();
    await ingest(opts);
    writeFileSync(path.join(corpus, 'new.txt'), '新的报道内容：璧山区举办无人机表演，吸引三万名观众。\n');
    const next = await reloadIndex(config);
    expect(next.summary).toMatch(/^indexed 1 new\/changed article\(s\)/);
    // Version folders are named v-<time>-<pid of the writer>: not this process.
    const pid = Number(currentVersion(indexDir)!.split('-').pop());
    expect(pid).not.toBe(process.pid);
    const answer = await next.engine!.ask('璧山区无人机表演吸引了多少观众', { k: 3 });
    expect(answer.results.some((r) => r.text.includes('三万名观众'))).toBe(true);
  });

  it('a failed re-index keeps the engine in use and says why', async () => {
    const { corpus, config, opts } = setup();
    await ingest(opts);
    for (const f of readdirSync(corpus)) writeFileSync(path.join(corpus, f), '');
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const next = await reloadIndex(config);
    expect(next.engine).toBeUndefined();
    expect(next.summary).toMatch(/^re-index failed \(no readable articles in .*\); still answering from the previous index$/);
  });
});
