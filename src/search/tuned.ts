// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.5983,3.002,-2.4107,-2.6618,-1.8046,-1.6331,-1.4942,-1.3314,-2.2133],
  notCovered: 0.0446,
  caveat: 0.8622,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6214,2.5767,-2.486,0,0,0,0,0.4803,-1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
