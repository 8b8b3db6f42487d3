// Written by `npm run eval -- --calibrate` (lexical mode): the answer decision fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.7608,0.2413,0.4072,0.1614,-0.3865,-0.6416,-0.8611,-0.528,-0.4874,-0.7772,-0.8264,0.839,0.0976,0.0105],
  notCovered: 0.2295,
  caveat: 0.678,
};
