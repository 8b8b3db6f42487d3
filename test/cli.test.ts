// The command-line contract (src/cli/ask.ts, src/cli/ingest.ts) in child processes, run as npm runs them
// (the built dist/ files with package.json's flags), as a user or a script would: stdout carries answers (plain or JSON), stderr one clear line per problem, exit codes.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOptions } from '../src/boot.js';
import { configWith } from '../src/config.js';
import { ingest } from '../src/index/ingest.js';
import { currentVersion, openIndex, readManifest } from '../src/index/store.js';
import { scriptArgs } from './helpers/cli.js';
import { copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

const ASK = 'ask';
const INGEST = 'ingest';
const CHILD_TIMEOUT = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let corpus: string;
let index: string;
let models: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A clean environment: nothing from the developer's shell or .env leaks into the contract under test.
  return {
    PATH: process.env.PATH ?? '',
    HOME: tempDir('home-'),
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    CORPUS_DIR: corpus,
    EMBEDDINGS_DIR: index,
    MODEL_DIR: models,
    ALLOW_MODEL_DOWNLOAD: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

function run(script: 'ask' | 'ingest', args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...scriptArgs(script), ...args],
      { cwd: tempDir('cwd-'), env: env(opts.env), timeout: CHILD_TIMEOUT, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin!.end(opts.input ?? '');
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
const noStack = (r: Run) => {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/node:internal|\.ts:\d+:\d+/);
};

/** A copy of the current index folder, for tests that damage or rebuild it. */
function indexCopy(): string {
  const dir = path.join(tempDir('emb-copy-'), 'embeddings');
  cpSync(index, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  corpus = copyCorpus();
  index = path.join(tempDir('emb-'), 'embeddings');
  models = tempDir('models-');
  // Build the keyword index once, with the settings the children will read from the same variables.
  const config = configWith({ CORPUS_DIR: corpus, EMBEDDINGS_DIR: index, MODEL_DIR: models, ALLOW_MODEL_DOWNLOAD: 'false' });
  await ingest(ingestOptions(config, null));
});

interface JsonResult {
  text: string;
  score: number;
  highlight: string;
  source: { file: string; title: string; paper: string; date: string; section: string };
}
interface JsonAnswer {
  question: string;
  answered: boolean;
  status: 'answered' | 'caveat' | 'not-covered' | 'empty';
  confidence: number;
  reason?: string;
  mode: string;
  results: JsonResult[];
  closest?: JsonResult[];
}

function checkResult(r: JsonResult) {
  expect(typeof r.text).toBe('string');
  expect(r.text.length).toBeGreaterThan(0);
  expect(typeof r.score).toBe('number');
  expect(r.text).toContain(r.highlight);
  // `page`: the page's title when the passage is from a story other than the page's lead (004).
  expect(Object.keys(r.source).filter((k) => k !== 'page').sort()).toEqual(['date', 'file', 'paper', 'section', 'title']);
  if ('page' in r.source) expect(typeof (r.source as { page?: unknown }).page).toBe('string');
  for (const v of Object.values(r.source)) expect(typeof v).toBe('string');
}

describe('ask', () => {
  it('--json prints exactly one JSON object with the answer', async () => {
    const r = await run(ASK, ['--json', '永川区委书记是谁？']);
    expect(r.code, r.stderr).toBe(0);
    noStack(r);
    expect(lines(r.stdout)).toHaveLength(1);
    const a = JSON.parse(r.stdout) as JsonAnswer;
    expect(a.question).toBe('永川区委书记是谁？');
    expect(a.answered).toBe(true);
    expect(a.mode).toBe('lexical');
    expect(a.results.length).toBeGreaterThan(0);
    expect(a.results.length).toBeLessThanOrEqual(3); // SEARCH_TOP_K default
    a.results.forEach(checkResult);
    expect(a.results[0]!.text).toContain('张智奎');
    expect(a.results[0]!.source).toMatchObject({ file: '004_ba6466f176dbe6fd.txt', title: '永川区委常委会召开会议', paper: '渝西都市报', date: '2023-02' });
  }, CHILD_TIMEOUT);

  it('--k 2 limits the results to at most 2', async () => {
    const r = await run(ASK, ['--json', '--k', '2', '区委书记是谁？']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as JsonAnswer;
    expect(a.answered).toBe(true);
    expect(a.results.length).toBeGreaterThan(0);
    expect(a.results.length).toBeLessThanOrEqual(2);
  }, CHILD_TIMEOUT);

  it('--json --stdin answers one question per line, one JSON line each, in order', async () => {
    const questions = ['永川区委书记是谁？', '璧山区委书记是谁？', '市科技局党委书记是谁？'];
    const r = await run(ASK, ['--json', '--stdin', '--k', '5'], { input: questions.join('\n') + '\n' });
    expect(r.code, r.stderr).toBe(0);
    noStack(r);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as JsonAnswer);
    expect(out.map((a) => a.question)).toEqual(questions);
    // 璧山 has no 区委书记 in the coverage: not a confident answer (a caveat or "not covered").
    expect(out.map((a) => a.status === 'answered')).toEqual([true, false, true]);
    expect(['caveat', 'not-covered']).toContain(out[1]!.status);
    expect(out[1]!.confidence).toBeLessThan(out[0]!.confidence);
    for (const a of out) expect(a.results.length).toBeLessThanOrEqual(5);
    expect(out[2]!.results.some((x) => x.text.includes('王伟'))).toBe(true);
  }, CHILD_TIMEOUT);

  it('plain output is for people: the answering sentence, the quote and the citation line with 《title》', async () => {
    const r = await run(ASK, ['永川区委书记是谁？']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('张智奎');
    expect(r.stdout).toContain('《永川区委常委会召开会议》 · 渝西都市报 · 2023年2月');
    expect(r.stdout).toMatch(/^\[1\] /m);
    expect(r.stdout).not.toMatch(/\x1b\[/); // not a terminal: no colour codes
    expect(() => JSON.parse(r.stdout)).toThrow();
  }, CHILD_TIMEOUT);

  it('a question without words, or a bad --k, is a usage error in one line', async () => {
    const usage = await run(ASK, []);
    expect(usage.code).toBe(2);
    expect(lines(usage.stderr)).toHaveLength(1);
    expect(usage.stderr).toMatch(/usage/);
    expect(usage.stdout).toBe('');
    const badK = await run(ASK, ['--k', 'many', '永川区委书记是谁？']);
    expect(badK.code).not.toBe(0);
    expect(badK.stderr).toMatch(/--k/);
    expect(lines(badK.stderr)).toHaveLength(1);
    expect(badK.stderr).not.toMatch(/unexpected/); // a user's mistake, not a bug
    noStack(badK);
  }, CHILD_TIMEOUT);

  it('a question longer than QUESTION_MAX_CHARS is refused as too long, not cut short and answered', async () => {
    const long = '永川区委书记是谁？' + '甲'.repeat(600);
    const plain = await run(ASK, [long]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/问题太长了/);
    const json = await run(ASK, ['--json', '--stdin'], { input: `${long}\n永川区委书记是谁？\n` });
    const out = lines(json.stdout).map((l) => JSON.parse(l) as JsonAnswer);
    expect(out.map((a) => a.status)).toEqual(['too-long', 'answered']);
    expect(out[0]!.results).toEqual([]);
  }, CHILD_TIMEOUT);
});

describe('ingest', () => {
  it('builds the index and prints a summary with the article and passage counts', async () => {
    const dir = path.join(tempDir('emb-new-'), 'embeddings');
    const r = await run(INGEST, [], { env: { EMBEDDINGS_DIR: dir, LOG_LEVEL: 'info' } });
    expect(r.code, r.stderr).toBe(0);
    noStack(r);
    const passages = (await openIndex(dir, 64)).chunks.size;
    expect(r.stdout + r.stderr).toMatch(new RegExp(`5 article\\(s\\), ${passages} passages`));
    expect(r.stderr).toMatch(/keyword/);
  }, CHILD_TIMEOUT);

  it('prints its summary line with LOG_LEVEL=warn too', async () => {
    const dir = path.join(tempDir('emb-new-'), 'embeddings');
    const r = await run(INGEST, [], { env: { EMBEDDINGS_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/5 article\(s\), \d+ passages/);
  }, CHILD_TIMEOUT);

  it('an empty corpus folder fails with one error line and no stack trace', async () => {
    const empty = tempDir('empty-corpus-');
    const r = await run(INGEST, [], { env: { CORPUS_DIR: empty, EMBEDDINGS_DIR: path.join(tempDir(), 'e') } });
    expect(r.code).not.toBe(0);
    noStack(r);
    const errors = lines(r.stderr).filter((l) => !l.startsWith('[warn]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[error\] no readable articles in /);
    expect(errors[0]).toContain(empty);
    expect(r.stdout).toBe('');
  }, CHILD_TIMEOUT);
});

describe('damaged index and bad settings', () => {
  it('an unreadable manifest: ask rebuilds, answers, and says so in one line', async () => {
    const dir = indexCopy();
    const version = currentVersion(dir)!;
    writeFileSync(path.join(dir, version, 'manifest.json'), '{"format": 1, "files": {');
    const r = await run(ASK, ['永川区委书记是谁？'], { env: { EMBEDDINGS_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('张智奎');
    noStack(r);
    const damage = lines(r.stderr).filter((l) => /damaged|corrupt|unreadable/i.test(l));
    expect(damage).toHaveLength(1);
    expect(damage[0]).toMatch(/rebuild/);
  }, CHILD_TIMEOUT);

  // FIXED (src/boot.ts prepare → src/index/ingest.ts indexIsCurrent): a damaged data file behind an intact
  // manifest is not noticed before openIndex, so ask exits 1 with "…lexical.bin is unreadable" instead of
  // rebuilding.
  it('a damaged data file (lexical.bin): ask still answers (it rebuilds) with one line on stderr', async () => {
    const dir = indexCopy();
    const version = currentVersion(dir)!;
    const f = path.join(dir, version, 'lexical.bin');
    writeFileSync(f, '#'.repeat(statSync(f).size));
    const r = await run(ASK, ['永川区委书记是谁？'], { env: { EMBEDDINGS_DIR: dir } });
    noStack(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('张智奎');
    expect(lines(r.stderr).filter((l) => /damaged|corrupt|unreadable/i.test(l))).toHaveLength(1);
  }, CHILD_TIMEOUT);

  it('an invalid setting (HNSW_M=abc) is refused with an error naming it, without a stack trace', async () => {
    const r = await run(ASK, ['--json', '永川区委书记是谁？'], { env: { HNSW_M: 'abc' } });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    noStack(r);
    const named = lines(r.stderr).filter((l) => l.includes('HNSW_M'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/HNSW_M: \S/);
    expect(lines(r.stderr).length).toBeLessThanOrEqual(2);
  }, CHILD_TIMEOUT);
});
