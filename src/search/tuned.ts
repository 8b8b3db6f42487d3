// Written by `npm run eval -- --calibrate` (lexical mode): the answer decision fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.3146,0.3155,0.4763,0.2459,-0.5983,-0.4493,-0.6831,0.0835,0.857,0.319,0.0284],
  notCovered: 0.2315,
  caveat: 0.642,
};
