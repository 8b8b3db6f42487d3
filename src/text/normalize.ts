// One normalisation for everything that is matched as text (index terms and queries alike):
// full-width → half-width (NFKC), traditional → simplified characters, Chinese numerals → digits.
import * as OpenCC from 'opencc-js/t2cn';
import { normalizeNumbers } from './numbers.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export function normalizeText(text: string): string {
  return normalizeNumbers(toSimplified(text.normalize('NFKC')));
}
