// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1113,3.8697,-1.0405,-0.9705,0.3721,-0.7598,-0.8577,-0.6567,-0.6007,-1.4747],
  notCovered: 0.0189,
  caveat: 0.1239,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.0538,3.4502,-1.9972,-0.069,0,0,0.2733,0.179,-1.271,0],
  notCovered: 0.172,
  caveat: 0.6529,
};
