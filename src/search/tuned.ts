// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.0117,3.8046,-0.8347,-1.0198,0.3891,-0.7049,-0.8952,-0.682,-0.8326,-1.6459],
  notCovered: 0.0133,
  caveat: 0.1073,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.2627,3.7572,-1.83,-0.2427,0,-0.6619,0.002,0.2358,-1.5369,0],
  notCovered: 0.1483,
  caveat: 0.6533,
};
