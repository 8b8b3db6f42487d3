// "Does the coverage answer this?" thresholds, per mode and model: raw scores of different models and of
// the lexical mode are not comparable. The lexical default below is measured by
// `npm run eval -- --calibrate` on the question sets in test/eval; running the same command with an
// embedding model writes that model's thresholds to <EMBEDDINGS_DIR>/calibration.json.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { log } from '../log.js';
import type { Thresholds } from './answer.js';

export const LEXICAL_THRESHOLDS: Thresholds = { minCoverage: 0.45 };

type CalibrationFile = Record<string, Thresholds>;

function file(indexDir: string): string {
  return path.join(indexDir, 'calibration.json');
}

// Loose: fields added by later calibrations pass through unchecked.
const thresholdsSchema = z.looseObject({
  minCoverage: z.number().min(0).max(1),
  minDense: z.number().min(-1).max(1).optional(),
});

/** The file's entries that are valid; a broken file or entry is named in a warning and left out. */
function read(indexDir: string): CalibrationFile {
  const where = file(indexDir);
  if (!existsSync(where)) return {};
  const defaults = `the default thresholds (minCoverage ${LEXICAL_THRESHOLDS.minCoverage}) are used`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(where, 'utf8'));
  } catch (e) {
    log.warn(`${where} is not valid JSON (${(e as Error).message.split('\n')[0]}): ${defaults}; rerun \`npm run eval -- --calibrate\``);
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log.warn(`${where} is not an object of model → thresholds: ${defaults}`);
    return {};
  }
  const out: CalibrationFile = {};
  for (const [model, value] of Object.entries(raw)) {
    const parsed = thresholdsSchema.safeParse(value);
    if (parsed.success) out[model] = parsed.data;
    else {
      const issue = parsed.error.issues[0]!;
      log.warn(`${where}: thresholds of ${model} are invalid (${[...issue.path].join('.') || 'entry'}: ${issue.message}): ${defaults} for it`);
    }
  }
  return out;
}

/** Thresholds for the mode in use; a model without its own calibration uses the lexical decision. */
export function thresholdsFor(model: string | null, indexDir: string): Thresholds {
  if (!model) return LEXICAL_THRESHOLDS;
  return read(indexDir)[model] ?? LEXICAL_THRESHOLDS;
}

export async function saveCalibration(model: string, t: Thresholds, indexDir: string): Promise<void> {
  const all = read(indexDir);
  all[model] = t;
  await writeFile(file(indexDir), JSON.stringify(all, null, 2) + '\n');
}
