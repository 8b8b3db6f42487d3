// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.2284,3.0571,-2.4072,-2.6106,-1.5696,-1.5549,-1.4005,-1.4821,1.6171],
  notCovered: 0.0683,
  caveat: 0.8659,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.9367,2.5767,-2.486,0,0,0,0,0.4803,1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
