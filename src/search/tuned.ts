// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1288,3.9276,-0.7702,-0.7678,0.7098,-0.9414,-1.05,-0.3925,-0.2396,-1.6778],
  notCovered: 0.0156,
  caveat: 0.2032,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.597,2.6697,-2.1901,0,0,0,0.0189,0.1993,-0.3383,0],
  notCovered: 0.2118,
  caveat: 0.6974,
};
