// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.7206,3.5844,-0.7377,-1.2902,0.5499,-0.6153,-1.3028,-0.8579,-0.4903,-1.6137],
  notCovered: 0.0613,
  caveat: 0.3041,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.4431,3.5059,-0.202,0,0,0,-0.5032,0.72,-0.6918,0],
  notCovered: 0.2582,
  caveat: 1,
};
