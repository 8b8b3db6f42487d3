// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.2,3.9918,-0.9453,-0.7085,1.0245,-1.0419,-0.9968,-0.3504,-0.2691,-1.608],
  notCovered: 0.0182,
  caveat: 0.3128,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.7808,2.8007,-2.2123,0,0,0,0.0045,0.3791,-0.3733,0],
  notCovered: 0.2105,
  caveat: 0.6861,
};
