// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.0208,3.8426,-0.7845,-1.0082,0.3817,-0.5138,-0.8867,-0.7288,-0.8829,-1.6231],
  notCovered: 0.0127,
  caveat: 0.1051,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.3364,3.8464,-1.829,-0.2275,-0.1797,-0.5913,0.008,0.3114,-1.783,0],
  notCovered: 0.1175,
  caveat: 0.6615,
};
