// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3806,4.1605,-1.1022,-0.4969,0.9042,-0.7423,-0.9433,-0.3791,-0.2199,-1.2125],
  notCovered: 0.0711,
  caveat: 0.0711,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6823,2.9198,-1.8747,0,0,0,-0.5247,0.1044,-0.4047,0],
  notCovered: 0.2181,
  caveat: 0.6258,
};
