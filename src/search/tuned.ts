// Written by `npm run eval -- --calibrate` (lexical mode): the answer decision fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.4017,1.0391,-2.8213,-3.0256,-1.6068,-2.2539,-1.0415,-1.8767,1.9778],
  notCovered: 0.0519,
  caveat: 0.805,
};
