// Spawning node children: for cold-start timing, and for measurements that need a fresh process.
import { spawn } from 'node:child_process';
import { now } from './stats.js';

export interface SpawnResult {
  /** Until the first complete stdout line; equals exitMs when nothing is printed. */
  readyMs: number;
  exitMs: number;
  /** First stdout line. */
  line: string;
}

/** Spawns `node args…` and times it to its first stdout line and to its exit; rejects on a non-zero exit. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let readyMs: number | undefined;
    let out = '';
    let err = '';
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (readyMs === undefined && out.includes('\n')) readyMs = now() - t0;
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = now() - t0;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve({ readyMs: readyMs ?? exitMs, exitMs, line: out.split('\n')[0] ?? '' });
    });
  });
}
