// The fixed tune / held-out split of the blind question sets. A question's split depends only on its id
// (a seeded FNV-1a hash), so it never moves when questions are added, and nobody can pick it.
// Sets written before the blind sets (qa-dev, qa-extra) were tuned on: they are always "tune".
export type Split = 'tune' | 'held-out';

const SEED = 'coverage-bot/split/v1:';
/** Share of blind questions in tune, in percent (at most 40, as the quality issue asks). */
export const TUNE_PERCENT = 35;

export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOf(id: string, alwaysTune: boolean): Split {
  if (alwaysTune) return 'tune';
  return fnv1a32(SEED + id) % 100 < TUNE_PERCENT ? 'tune' : 'held-out';
}
