// calibration.json is checked when read: a broken file or entry is named in a warning and the shipped
// decisions are used, instead of values that would make every question "not covered".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { calibrationFor } from '../src/search/calibration.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'calib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const DECISION = { weights: [0.1, 2, -1], notCovered: 0.2, caveat: 0.6 };

function withFile(content: string): { calibration: ReturnType<typeof calibrationFor>; warnings: string[] } {
  writeFileSync(path.join(dir, 'calibration.json'), content);
  const warnings: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (warnings.push(String(chunk)), true));
  const calibration = calibrationFor('m', dir);
  vi.restoreAllMocks();
  return { calibration, warnings };
}

describe('calibration.json', () => {
  it('uses a valid calibration as written, silently', () => {
    const { calibration, warnings } = withFile(JSON.stringify({ m: { decision: DECISION, minDense: 0.8 } }));
    expect(calibration).toEqual({ decision: DECISION, minDense: 0.8 });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"m": {"decision": ', /calibration\.json is not valid JSON/],
    ['an array', '[1, 2]', /calibration\.json is not an object/],
    ['a string cut-off', JSON.stringify({ m: { decision: { ...DECISION, notCovered: '0.5' } } }), /the calibration of m is invalid \(decision\.notCovered:/],
    ['an impossible cut-off', JSON.stringify({ m: { decision: { ...DECISION, caveat: 7 } } }), /the calibration of m is invalid \(decision\.caveat:/],
    ['weights that are not numbers', JSON.stringify({ m: { decision: { ...DECISION, weights: ['a'] } } }), /the calibration of m is invalid/],
    ['null', 'null', /calibration\.json is not an object/],
  ])('%s: warns naming the file, uses the shipped decisions', (_name, content, message) => {
    const { calibration, warnings } = withFile(content);
    expect(calibration).toEqual({});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
    expect(warnings[0]).toMatch(/shipped decisions are used/);
  });

  it('keeps the valid entries of other models', () => {
    writeFileSync(path.join(dir, 'calibration.json'), JSON.stringify({ m: { decision: 'x' }, other: { minDense: 0.5 } }));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(calibrationFor('other', dir)).toEqual({ minDense: 0.5 });
  });
});
