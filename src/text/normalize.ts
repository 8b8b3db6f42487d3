// One normalisation for everything that is matched as text (index terms and queries alike):
// full-width → half-width (NFKC), traditional → simplified characters, Chinese numerals → digits.
import { createRequire } from 'node:module';
import { normalizeNumbers } from './numbers.js';
import { TRADITIONAL_STARTS } from './traditional-starts.js';

const load = createRequire(import.meta.url);
let converter: ((text: string) => string) | undefined;

/** Loaded on first use: building opencc-js's dictionaries costs ~40 ms and much garbage, and most text never needs them. */
function toSimplified(text: string): string {
  const convert = (converter ??= (load('opencc-js/t2cn') as typeof import('opencc-js/t2cn')).Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

const starts = new Set<string>(TRADITIONAL_STARTS);

/** The text holds a character a traditional→simplified entry starts at; without one, conversion changes nothing. */
export function mayBeTraditional(text: string): boolean {
  for (const ch of text) if (starts.has(ch)) return true;
  return false;
}

export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC');
  return normalizeNumbers(mayBeTraditional(folded) ? toSimplified(folded) : folded);
}
