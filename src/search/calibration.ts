// Model-specific answer calibration. Raw similarity scores of different models are not comparable, and
// with dense retrieval in the fusion the retrieval signal shifts, so a model gets its own decisions fitted
// by `npm run eval -- --calibrate` (on the tune split), saved to <EMBEDDINGS_DIR>/calibration.json. The
// lexical mode's decisions ship in the source (tuned.ts). The file is checked when read: a broken file or
// entry is named in a warning and the shipped decisions are used instead of values that could make every
// question "not covered".
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { log } from '../log.js';
import type { Decision } from './knobs.js';

export interface ModelCalibration {
  decision?: Decision | undefined;
  decisionEnglish?: Decision | undefined;
  /** Cross-language questions (multilingual model): minimum question–passage similarity. */
  minDense?: number | undefined;
}

const unit = () => z.number().check(z.gte(0, 'must be from 0 to 1'), z.lte(1, 'must be from 0 to 1'));
const decisionSchema = z.object({
  weights: z.array(z.number().check(z.refine(Number.isFinite, 'must be finite'))).check(z.minLength(1, 'must not be empty'), z.maxLength(64, 'too many')),
  notCovered: unit(),
  caveat: unit(),
});
const entrySchema = z.object({
  decision: z.optional(decisionSchema),
  decisionEnglish: z.optional(decisionSchema),
  minDense: z.optional(z.number().check(z.gte(-1, 'must be from -1 to 1'), z.lte(1, 'must be from -1 to 1'))),
});

function file(indexDir: string): string {
  return path.join(indexDir, 'calibration.json');
}

const DEFAULTS = 'the shipped decisions are used';

/** The file's entries that are valid; a broken file or entry is named in a warning and left out. */
function read(indexDir: string): Record<string, ModelCalibration> {
  const where = file(indexDir);
  if (!existsSync(where)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(where, 'utf8'));
  } catch (e) {
    log.warn(`${where} is not valid JSON (${(e as Error).message.split('\n')[0]}): ${DEFAULTS}; rerun \`npm run eval -- --calibrate\``);
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log.warn(`${where} is not an object of model → calibration: ${DEFAULTS}`);
    return {};
  }
  const out: Record<string, ModelCalibration> = {};
  for (const [model, value] of Object.entries(raw)) {
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) out[model] = parsed.data;
    else {
      const issue = parsed.error.issues[0]!;
      log.warn(`${where}: the calibration of ${model} is invalid (${[...issue.path].join('.') || 'entry'}: ${issue.message}): ${DEFAULTS} for it`);
    }
  }
  return out;
}

/** The calibration of a model, or nothing (the shipped lexical decisions then apply). */
export function calibrationFor(model: string | null, indexDir: string): ModelCalibration {
  return model ? (read(indexDir)[model] ?? {}) : {};
}

export async function saveCalibration(model: string, c: ModelCalibration, indexDir: string): Promise<void> {
  const all = read(indexDir);
  all[model] = c;
  await writeFile(file(indexDir), JSON.stringify(all, null, 2) + '\n');
}
