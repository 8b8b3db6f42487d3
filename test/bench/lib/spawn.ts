// Spawning node children: for cold-start timing, and for measurements that need a fresh process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now } from './stats.js';

/** GNU time reports the child's CPU time and peak RSS, which node cannot read of a child. */
const GNU_TIME = '/usr/bin/time';

export interface SpawnResult {
  /** Until the first complete stdout line; equals exitMs when nothing is printed. */
  readyMs: number;
  exitMs: number;
  /** First stdout line. */
  line: string;
  /** User + system CPU of the child, and its peak RSS (KiB), when /usr/bin/time is there. */
  cpuMs?: number;
  maxRssKiB?: number;
}

/** Spawns `node args…` and times it to its first stdout line and to its exit; rejects on a non-zero exit. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let readyMs: number | undefined;
    let out = '';
    let err = '';
    const usage = existsSync(GNU_TIME) ? path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-time-')), 'usage') : undefined;
    const child = usage
      ? spawn(GNU_TIME, ['-f', '%U %S %M', '-o', usage, process.execPath, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (readyMs === undefined && out.includes('\n')) readyMs = now() - t0;
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = now() - t0;
      let rusage: { cpuMs?: number; maxRssKiB?: number } = {};
      if (usage) {
        const [user, sys, rss] = readFileSync(usage, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
        if (user !== undefined && sys !== undefined && rss !== undefined && [user, sys, rss].every(Number.isFinite)) rusage = { cpuMs: (user + sys) * 1000, maxRssKiB: rss };
        rmSync(path.dirname(usage), { recursive: true, force: true });
      }
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve({ readyMs: readyMs ?? exitMs, exitMs, line: out.split('\n')[0] ?? '', ...rusage });
    });
  });
}

/**
 * spawnNode run `n` times from a small process of its own rather than from the bench: forking a parent
 * that holds the 100k fixture (gigabytes of heap) costs each child ~0.1 s that is not the child's (a 2 GB
 * parent: `node -e 0` 0.13 → 0.24 s, `ask` 0.32 → 0.42 s). A user's shell is small; so is this process.
 */
export function spawnNodeLean(args: string[], env: NodeJS.ProcessEnv, cwd: string, n: number): Promise<SpawnResult[]> {
  return new Promise((resolve, reject) => {
    const runner = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'spawn-runner.ts')], { cwd, env: process.env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    runner.stdout.setEncoding('utf8');
    runner.stdout.on('data', (d: string) => (out += d));
    runner.on('error', reject);
    runner.on('close', (code) => {
      const reply = (() => {
        try {
          return JSON.parse(out) as { results?: SpawnResult[]; error?: string };
        } catch {
          return { error: `spawn runner exited with ${code} and no answer` };
        }
      })();
      if (reply.results) resolve(reply.results);
      else reject(new Error(reply.error));
    });
    runner.stdin.end(JSON.stringify({ args, env, cwd, n }));
  });
}
