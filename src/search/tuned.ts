// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1854,3.9415,-1.0938,-0.8434,0.3536,-0.7976,-0.941,-0.4871,-0.1692,-1.5251],
  notCovered: 0.0185,
  caveat: 0.2801,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.5648,2.9918,-2.2097,0,0,0,0.3271,-0.1397,-0.1592,0],
  notCovered: 0.2458,
  caveat: 0.6639,
};
