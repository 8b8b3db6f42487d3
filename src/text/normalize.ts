// One normalisation for everything that is matched as text (index terms and queries alike):
// full-width → half-width (NFKC), traditional → simplified characters, Chinese numerals → digits.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeNumbers } from './numbers.js';
import { TRADITIONAL_MARKS } from './traditional-marks.js';

const load = createRequire(import.meta.url);
let converter: ((text: string) => string) | undefined;

/** Loaded on first use: building opencc-js's dictionaries costs ~40 ms and much garbage, and most text never needs them. */
function toSimplified(text: string): string {
  const convert = (converter ??= (load('opencc-js/t2cn') as typeof import('opencc-js/t2cn')).Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

// One character class: scanning text with it takes about half the time of a loop over its characters.
const MARKS = new RegExp(`[${TRADITIONAL_MARKS.replace(/[\\\][^-]/g, '\\$&')}]`, 'u');

/**
 * The converter's identity for the index manifest: opencc-js's version (package.json pins it exactly, so the
 * generated marks match its dictionaries) and the marks themselves. Read from its package.json, not loaded.
 */
export function converterVersion(): string {
  const dir = path.resolve(path.dirname(load.resolve('opencc-js/t2cn')), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return `opencc-js@${version}:${[...TRADITIONAL_MARKS].length}`;
}

/**
 * The text holds a character some traditional→simplified entry changes: every entry that would change the
 * text needs one of these, so without any, conversion changes nothing.
 */
export function mayBeTraditional(text: string): boolean {
  return MARKS.test(text);
}

export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC');
  return normalizeNumbers(mayBeTraditional(folded) ? toSimplified(folded) : folded);
}
