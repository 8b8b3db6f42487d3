// Attacks on the index store, shared by the short versions in `npm test` (test/index-attacks.test.ts)
// and the long ones in `npm run test:faults` (test/faults/): random byte flips in every index file, and
// concurrent writer processes (ingest and ask, some killed with SIGKILL) round after round.
import { execFile, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingestOptions } from '../../src/boot.js';
import { configWith, type Config } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { ingest } from '../../src/index/ingest.js';
import { FILES, IndexCorruptError, currentVersion, openIndex, readManifest } from '../../src/index/store.js';
import { DEFAULT_RANKING } from '../../src/search/knobs.js';
import { CHINESE } from '../../src/text/lexicon.js';
import { Engine } from '../../src/search/engine.js';
import { scriptArgs } from './cli.js';
import { FIXTURE_MODELS, TINY_MODEL, copyCorpus, tempDir } from './fs.js';

/** Deterministic random numbers (mulberry32), so a failing trial can be replayed from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Questions whose answers the seed corpus holds: each flip is judged by the quotes they get. */
export const CANARIES = ['永川区委书记是谁？', '长江水质怎么样', '常住人口增长到多少', '江津班列开行了多少列'];

/** Settings of an index over `corpus` with the tiny model; the stale-lock time is short, so a SIGKILLed
 * writer's lock is taken over within seconds, and long enough for a loaded CI box. */
function tinySettings(corpus: string, indexDir: string) {
  return {
    CORPUS_DIR: corpus,
    EMBEDDINGS_DIR: indexDir,
    MODEL_DIR: FIXTURE_MODELS,
    EMBEDDING_MODEL: TINY_MODEL,
    ALLOW_MODEL_DOWNLOAD: 'false',
    INDEX_LOCK_STALE_MS: '10000',
  };
}

export function tinyConfig(corpus: string, indexDir: string, extra: Partial<Record<keyof Config, string>> = {}): Config {
  return configWith({ ...tinySettings(corpus, indexDir), ...extra });
}

export interface FlipStats {
  trials: number;
  /** Refused on load with IndexCorruptError (and so rebuilt). */
  detected: number;
  /** Loaded and answered with verbatim quotes only. */
  harmless: number;
  /** Flips per file. */
  perFile: Record<string, number>;
  /** Problems: a quote not in its article, or an error other than IndexCorruptError. Must stay empty. */
  failures: string[];
  /** Detected flips after which an ingest rebuilt a loadable index with a one-line reason. */
  rebuilt: number;
}

/**
 * Flips one random byte (XOR with a random non-zero value) of one random index file per trial, in a
 * fresh copy of a hybrid index built with the tiny model, then opens it and asks the canary questions.
 * Every `rebuildEvery`-th detected flip is also followed by an ingest, which must rebuild.
 */
export async function byteFlips(embedder: Embedder, trials: number, seed: number, rebuildEvery = 10): Promise<FlipStats> {
  const corpus = copyCorpus();
  const template = path.join(tempDir('flip-template-'), 'embeddings');
  const config = tinyConfig(corpus, template);
  await ingest(ingestOptions(config, embedder));
  const truth = new Map((await loadCorpus(corpus)).articles.map((a) => [a.meta.file, a.text]));
  const version = currentVersion(template)!;
  const files = ['CURRENT', ...Object.values(FILES).map((f) => path.join(version, f))];
  const random = rng(seed);
  const stats: FlipStats = { trials, detected: 0, harmless: 0, perFile: {}, failures: [], rebuilt: 0 };
  for (let t = 0; t < trials; t++) {
    const dir = path.join(tempDir('flip-'), 'embeddings');
    cpSync(template, dir, { recursive: true });
    const rel = files[Math.floor(random() * files.length)]!;
    const file = path.join(dir, rel);
    const bytes = readFileSync(file);
    const at = Math.floor(random() * bytes.length);
    bytes[at] = bytes[at]! ^ (1 + Math.floor(random() * 255));
    writeFileSync(file, bytes);
    const what = `trial ${t} (seed ${seed}): ${path.basename(rel)} byte ${at}`;
    stats.perFile[path.basename(rel)] = (stats.perFile[path.basename(rel)] ?? 0) + 1;
    let index;
    try {
      index = await openIndex(dir, 64);
    } catch (e) {
      if (!(e instanceof IndexCorruptError)) {
        stats.failures.push(`${what}: ${(e as Error).constructor.name}: ${(e as Error).message}`);
        continue;
      }
      if ((e as Error).message.includes('\n')) stats.failures.push(`${what}: reason is not one line`);
      stats.detected++;
      if (stats.detected % rebuildEvery === 1) {
        const notices: string[] = [];
        await ingest({ ...ingestOptions(tinyConfig(corpus, dir), embedder), onProgress: (p) => p.phase === 'notice' && notices.push(p.message) });
        const again = await openIndex(dir, 64);
        if (again.chunks.size === 0 || !notices.some((n) => /cannot be used/.test(n) && !n.includes('\n'))) {
          stats.failures.push(`${what}: no rebuild with a reason after detection`);
        } else stats.rebuilt++;
      }
      continue;
    }
    const engine = Engine.create(index, embedder, () => ({}), DEFAULT_RANKING, CHINESE);
    let wrong = false;
    for (const q of CANARIES) {
      const answer = await engine.ask(q, { k: 5 });
      for (const r of answer.results) {
        if (!truth.get(r.source.file)?.includes(r.text)) {
          stats.failures.push(`${what}: "${q}" quoted text not in ${r.source.file}: ${r.text.slice(0, 40)}`);
          wrong = true;
        }
      }
    }
    if (!wrong) stats.harmless++;
  }
  return stats;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function spawnScript(script: 'ask' | 'ingest', args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<Run> } {
  let child!: ChildProcess;
  const done = new Promise<Run>((resolve) => {
    child = execFile(
      process.execPath,
      [...scriptArgs(script), ...args],
      { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, signal: (error as { signal?: NodeJS.Signals } | null)?.signal ?? null, stdout, stderr });
      },
    );
  });
  child.stdin?.end();
  return { child, done };
}

export interface WriterStats {
  rounds: number;
  writers: number;
  killed: number;
  /** CURRENT unreadable or naming a missing folder, seen by a reader polling during the rounds. */
  pollerErrors: number;
  maxVersions: number;
  failures: string[];
}

/**
 * Each round changes the corpus, then starts `writers` ingests and one `ask --json` canary (which
 * re-indexes too, being stale) at once; in every `killEvery`-th round one ingest is killed with SIGKILL
 * at a random moment. After the round: CURRENT names a loadable version, the canary answered with its
 * quote, at most two version folders remain (plus one per kill), and every ingest that was not killed
 * exited 0. A reader polls CURRENT and its manifest throughout.
 */
export async function concurrentWriters(rounds: number, seed: number, writers = 2, killEvery = 4): Promise<WriterStats> {
  const corpus = copyCorpus();
  const indexDir = path.join(tempDir('writers-'), 'embeddings');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: tempDir('home-'),
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...tinySettings(corpus, indexDir),
    LOG_LEVEL: 'warn',
  };
  const random = rng(seed);
  const stats: WriterStats = { rounds, writers, killed: 0, pollerErrors: 0, maxVersions: 0, failures: [] };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      try {
        readManifest(indexDir);
      } catch (e) {
        stats.pollerErrors++;
        stats.failures.push(`reader: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    for (let round = 0; round < rounds; round++) {
      writeFileSync(path.join(corpus, 'round.txt'), `第${round}轮报道。永川区持续推进重点项目建设，全年完成投资超过百亿元。\n`);
      const runs = Array.from({ length: writers }, () => spawnScript('ingest', [], env));
      const canary = spawnScript('ask', ['--json', CANARIES[0]!], env);
      const kill = round % killEvery === killEvery - 1;
      if (kill) {
        const victim = runs[Math.floor(random() * runs.length)]!;
        setTimeout(() => victim.child.kill('SIGKILL'), Math.floor(random() * 1500));
      }
      const results = await Promise.all(runs.map((r) => r.done));
      const answer = await canary.done;
      const where = `round ${round} (seed ${seed})`;
      let killedNow = 0;
      for (const r of results) {
        if (r.signal === 'SIGKILL') killedNow++;
        else if (r.code !== 0) stats.failures.push(`${where}: ingest exited ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
      }
      stats.killed += killedNow;
      if (answer.code !== 0) stats.failures.push(`${where}: ask exited ${answer.code}: ${answer.stderr.trim().split('\n').pop()}`);
      else {
        const json = JSON.parse(answer.stdout) as { answered: boolean; results: { text: string }[] };
        if (!json.answered || !json.results.some((r) => r.text.includes('张智奎'))) stats.failures.push(`${where}: canary not answered`);
      }
      try {
        const index = await openIndex(indexDir, 64);
        if (!index.articles.has('round.txt')) stats.failures.push(`${where}: the published index lacks round.txt`);
        const text = index.articles.get('round.txt')?.text ?? '';
        if (!text.includes(`第${round}轮`)) stats.failures.push(`${where}: the published index is not this round's`);
      } catch (e) {
        stats.failures.push(`${where}: the published index does not open: ${(e as Error).message}`);
      }
      if (round % 20 === 19) console.log(`concurrent writers: ${round + 1} rounds, ${stats.killed} killed, ${stats.failures.length} failures`);
      const versions = readdirSync(indexDir).filter((n) => n.startsWith('v-')).length;
      stats.maxVersions = Math.max(stats.maxVersions, versions);
      if (versions > 2 + killedNow) stats.failures.push(`${where}: ${versions} version folders`);
    }
  } finally {
    polling = false;
    await poller;
  }
  return stats;
}
