// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3546,4.1494,-1.1175,-0.4865,0.9387,-1.0759,-1.0293,-0.3536,-0.1654,-1.1101],
  notCovered: 0.0708,
  caveat: 0.0708,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6694,2.902,-1.8753,0,0,0,-0.5296,0.102,-0.4238,0],
  notCovered: 0.2178,
  caveat: 0.6247,
};
