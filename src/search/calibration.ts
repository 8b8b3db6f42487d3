// "Does the coverage answer this?" thresholds, per mode and model: raw scores of different models and of
// the lexical mode are not comparable. The lexical default below is measured by
// `npm run eval -- --calibrate` on the question sets in test/eval; running the same command with an
// embedding model writes that model's thresholds to <EMBEDDINGS_DIR>/calibration.json.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Thresholds } from './answer.js';

export const LEXICAL_THRESHOLDS: Thresholds = { minCoverage: 0.45 };

type CalibrationFile = Record<string, Thresholds>;

function file(indexDir: string): string {
  return path.join(indexDir, 'calibration.json');
}

function read(indexDir: string): CalibrationFile {
  if (!existsSync(file(indexDir))) return {};
  try {
    return JSON.parse(readFileSync(file(indexDir), 'utf8')) as CalibrationFile;
  } catch {
    return {};
  }
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
