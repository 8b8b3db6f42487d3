// Timing, percentiles and memory helpers shared by every section.
import v8 from 'node:v8';
import vm from 'node:vm';

export const now = (): number => performance.now();

/** Linear-interpolated percentile (p in 0..100) of a sample; NaN for an empty sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Runs `fn` `n` times in sequence and returns what each run returned. */
export async function repeat<T>(n: number, fn: (i: number) => Promise<T> | T): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

/** Milliseconds taken by `fn` (awaited). */
export async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

// `npm run bench` runs under plain `tsx` (no --expose-gc flag in package.json), so the collector is
// exposed at run time: memory deltas are only meaningful after a full collection.
let gcFn: (() => void) | undefined;
export function gc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

export interface MemSnapshot {
  rss: number;
  heapUsed: number;
  external: number;
}

export function memory(): MemSnapshot {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

export const MB = 1024 * 1024;
export const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtNum = (x: number, digits = 1): string => (Number.isNaN(x) ? '–' : x.toFixed(digits));
export const fmtCount = (n: number): string => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
