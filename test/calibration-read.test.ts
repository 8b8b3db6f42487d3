// calibration.json is checked when read: a broken file or entry is named in a warning and the default
// thresholds are used, instead of values that would make every question "not covered".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LEXICAL_THRESHOLDS, thresholdsFor } from '../src/search/calibration.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'calib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function withFile(content: string): { thresholds: ReturnType<typeof thresholdsFor>; warnings: string[] } {
  writeFileSync(path.join(dir, 'calibration.json'), content);
  const warnings: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (warnings.push(String(chunk)), true));
  const thresholds = thresholdsFor('m', dir);
  vi.restoreAllMocks();
  return { thresholds, warnings };
}

describe('calibration.json', () => {
  it('uses valid thresholds as written, silently', () => {
    const { thresholds, warnings } = withFile(JSON.stringify({ m: { minCoverage: 0.6, minDense: 0.8 } }));
    expect(thresholds).toEqual({ minCoverage: 0.6, minDense: 0.8 });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"m": {"minCoverage": 0.5', /calibration\.json is not valid JSON/],
    ['an array', '[1, 2]', /calibration\.json is not an object/],
    ['a string threshold', '{"m": {"minCoverage": "0.5"}}', /calibration\.json: thresholds of m are invalid \(minCoverage:/],
    ['an impossible threshold', '{"m": {"minCoverage": 7}}', /thresholds of m are invalid \(minCoverage:/],
    ['a missing threshold', '{"m": {"minDense": 0.5}}', /thresholds of m are invalid/],
    ['null', 'null', /calibration\.json is not an object/],
  ])('%s: warns naming the file, uses the defaults', (_name, content, message) => {
    const { thresholds, warnings } = withFile(content);
    expect(thresholds).toEqual(LEXICAL_THRESHOLDS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
    expect(warnings[0]).toMatch(/default thresholds \(minCoverage 0\.45\) are used/);
  });

  it('keeps the valid entries of other models', () => {
    writeFileSync(path.join(dir, 'calibration.json'), JSON.stringify({ m: { minCoverage: 'x' }, other: { minCoverage: 0.5 } }));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(thresholdsFor('other', dir)).toEqual({ minCoverage: 0.5 });
  });
});
