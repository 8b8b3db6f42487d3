// Temporary folders and copies of the seed corpus for tests. Nothing here writes into the repository.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = path.join(REPO, 'corpus');
export const FIXTURE_MODELS = path.join(REPO, 'test', 'fixtures', 'models');
export const TINY_MODEL = 'tiny-zh-bert';
export const QA_DEV = path.join(REPO, 'test', 'eval', 'qa-dev.jsonl');

export const SEEDS = [
  '000_f80148564c3b0638.txt',
  '001_13a88698e4410121.txt',
  '002_5038a154d99a8ccb.txt',
  '003_115a21c0de3ff03d.txt',
  '004_ba6466f176dbe6fd.txt',
] as const;

const created: string[] = [];

/** A fresh folder under the OS temp dir; removed by `removeTempDirs()` (call it in afterAll). */
export function tempDir(prefix = 'coverage-bot-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A private copy of corpus/ (articles and sidecars), optionally only some of the articles. */
export function copyCorpus(files: readonly string[] = SEEDS): string {
  const dir = path.join(tempDir('corpus-'), 'corpus');
  cpSync(CORPUS, dir, {
    recursive: true,
    filter: (src) => {
      const name = path.basename(src);
      if (src === CORPUS) return true;
      return files.some((f) => name === f || name === f.replace(/\.txt$/, '.meta.yaml'));
    },
  });
  return dir;
}
