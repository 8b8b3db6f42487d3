// What a section hands back, and how it is printed. The same objects go into the JSON file, so the
// printed table and test/bench/results/*.json always carry the same figures.
import { fmtMs, fmtNum } from './stats.js';

export interface Row {
  /** What was measured, e.g. "HNSW search, 100k, k=30". */
  metric: string;
  /** The figure: a median (or p50 for latency rows). */
  value: number;
  unit: string;
  /** Latency rows: 99th percentile (median over passes). */
  p99?: number;
  /** Measured in the same run, on the same input. */
  baseline?: { label: string; value: number };
  /** value ÷ baseline (speed rows: higher is better; see `note`). */
  ratio?: number;
  /** How many repetitions the median is over ("3 passes × 200 q", 5, …). */
  runs: number | string;
  note?: string;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  /** null: not evaluated in this run (section skipped or a smaller size measured). */
  met: boolean | null;
  /** For misses: by how much, in words ("3.4× over", "0.012 short"). */
  miss?: string;
}

export interface SectionResult {
  rows: Row[];
  targets: Target[];
  notes: string[];
  /** Anything else worth keeping in the JSON (raw samples are left out: medians only). */
  data?: Record<string, unknown>;
}

function fmtValue(v: number, unit: string): string {
  if (unit === 'ms') return fmtMs(v);
  if (unit === 'recall') return v.toFixed(4);
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Math.abs(v) >= 100) return v.toFixed(1);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toFixed(4);
}

/** A plain fixed-width table (ASCII labels keep the columns aligned in any terminal). */
export function formatRows(rows: Row[]): string {
  const head = ['measure', 'median', 'unit', 'p99', 'baseline (same run)', 'ratio', 'runs', 'note'];
  const body = rows.map((r) => [
    r.metric,
    fmtValue(r.value, r.unit),
    r.unit,
    r.p99 === undefined ? '' : fmtValue(r.p99, r.unit),
    r.baseline ? `${r.baseline.label} ${fmtValue(r.baseline.value, r.unit)}` : '',
    r.ratio === undefined ? '' : `${fmtNum(r.ratio, r.ratio >= 100 ? 0 : 2)}×`,
    String(r.runs),
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const numeric = new Set([1, 3, 5]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function formatTargets(targets: Target[]): string {
  return targets
    .map((t) => {
      const mark = t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS';
      return `[${mark}] ${t.name}: goal ${t.goal}; measured ${t.measured}${t.miss ? ` (${t.miss})` : ''}`;
    })
    .join('\n');
}

/** How far a figure is above its ceiling: "4.4x the goal (+84 ms)". */
export function overBy(measured: number, ceiling: number, unit: string): string {
  return `${(measured / ceiling).toFixed(2)}x the goal (+${fmtNum(measured - ceiling, measured - ceiling >= 10 ? 0 : 2)} ${unit})`;
}
