// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.9849,3.8258,-0.8485,-0.8136,0.3991,-0.5471,-1.1999,-0.5796,-0.2972,-1.6452],
  notCovered: 0.1003,
  caveat: 0.1012,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.4109,2.7859,-1.1146,0,0,0,-0.5744,-0.1515,-0.4467,0],
  notCovered: 0.1776,
  caveat: 1,
};
