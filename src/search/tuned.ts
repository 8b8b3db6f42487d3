// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.5518,2.9319,-2.4131,-2.6567,-1.9876,-1.6309,-1.4823,-1.3109,-2.2219],
  notCovered: 0.046,
  caveat: 0.8609,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6214,2.5767,-2.486,0,0,0,0,0.4803,-1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
