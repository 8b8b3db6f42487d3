// Model-specific answer calibration. Raw similarity scores of different models are not comparable, and
// with dense retrieval in the fusion the retrieval signal shifts, so a model gets its own decision fitted
// by `npm run eval -- --calibrate` (on the tune split), saved to <EMBEDDINGS_DIR>/calibration.json. The
// lexical mode's decision ships in the source (tuned.ts). A malformed file is reported and ignored.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { log } from '../log.js';
import type { Decision } from './knobs.js';

export interface ModelCalibration {
  decision?: Decision | undefined;
  decisionEnglish?: Decision | undefined;
  /** Cross-language questions (multilingual model): minimum question–passage similarity. */
  minDense?: number | undefined;
}

const decisionSchema = z.object({
  weights: z.array(z.number().finite()).min(1).max(64),
  notCovered: z.number().min(0).max(1),
  caveat: z.number().min(0).max(1),
});
const fileSchema = z.record(
  z.string(),
  z.object({ decision: decisionSchema.optional(), decisionEnglish: decisionSchema.optional(), minDense: z.number().min(-1).max(1).optional() }),
);

function file(indexDir: string): string {
  return path.join(indexDir, 'calibration.json');
}

function read(indexDir: string): Record<string, ModelCalibration> {
  const f = file(indexDir);
  if (!existsSync(f)) return {};
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(f, 'utf8')));
    if (parsed.success) return parsed.data;
    log.warn(`${f} is not a valid calibration file (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); using the shipped defaults`);
  } catch (e) {
    log.warn(`${f} is unreadable (${(e as Error).message.split('\n')[0]}); using the shipped defaults`);
  }
  return {};
}

/** The calibration of a model, or nothing (the shipped lexical decision then applies). */
export function calibrationFor(model: string | null, indexDir: string): ModelCalibration {
  return model ? (read(indexDir)[model] ?? {}) : {};
}

export async function saveCalibration(model: string, c: ModelCalibration, indexDir: string): Promise<void> {
  const all = read(indexDir);
  all[model] = c;
  await writeFile(file(indexDir), JSON.stringify(all, null, 2) + '\n');
}
