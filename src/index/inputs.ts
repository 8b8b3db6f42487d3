// Everything besides the articles themselves that decides what the index holds, as name → version or
// content hash. The manifest records these; any difference rebuilds the chunks and the lexical index
// (vectors of unchanged passage texts are kept), with a one-line reason naming the input.
import { DICT_SUPPLEMENT } from '../text/dict-supplement.js';
import { CHINESE } from '../text/lexicon.js';
import { converterVersion } from '../text/normalize.js';
import { dictionaryHash } from '../text/segment.js';
import { checksum } from './checksum.js';

/** Bump when src/text/normalize.ts (or numbers.ts / chars.ts) changes how text becomes index terms. */
export const NORMALIZER_VERSION = 4;
/** Bump when src/corpus/clean.ts (or decode/metadata) changes how files become articles. */
export const CLEANER_VERSION = 7;
/** Bump when src/corpus/chunk.ts or sentences.ts change how articles become passages. */
export const CHUNKER_VERSION = 4;

interface Input {
  /** What a person calls it, in "… changed". */
  label: string;
  value: () => string;
}

const inputs = new Map<string, Input>([
  // Content hashes, so a new @node-rs/jieba release or an edited supplement is noticed without anyone
  // remembering to bump a number.
  ['segmenter-dictionary', { label: 'segmenter dictionary', value: dictionaryHash }],
  ['segmenter-supplement', { label: 'segmenter dictionary supplement (src/text/dict-supplement.ts)', value: once(() => checksum(DICT_SUPPLEMENT)) }],
  ['normalizer', { label: 'normaliser', value: () => String(NORMALIZER_VERSION) }],
  // Its traditional→simplified dictionaries decide the index terms of traditional text.
  ['traditional-converter', { label: 'traditional→simplified converter (opencc-js)', value: once(converterVersion) }],
  ['cleaner', { label: 'cleaning rules', value: () => String(CLEANER_VERSION) }],
  ['chunker', { label: 'chunking rules', value: () => String(CHUNKER_VERSION) }],
  // The query-side vocabulary (interrogatives, posts, periods, gazetteer, English lexicon version): it
  // does not change the stored terms today, but an index records the lexicon it was built beside.
  ['lexicon', { label: 'Chinese lexicon (src/text/lexicon.ts)', value: () => CHINESE.hash }],
]);

function once(f: () => string): () => string {
  let v: string | undefined;
  return () => (v ??= f());
}

/**
 * Registers another input of the index (e.g. the lexicon: `registerIndexInput('lexicon', () => hash)`).
 * Register at module load of a module that both the ingest and the search import, so every process that
 * compares manifests knows it; `hash` is called whenever inputs are compared (cache it if costly).
 */
export function registerIndexInput(name: string, hash: () => string, label: string = name): void {
  inputs.set(name, { label, value: hash });
}

/** The current inputs, name → version or hash. */
export function indexInputs(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, input] of inputs) out[name] = input.value();
  return out;
}

/** Why an index built with `stored` inputs is stale now ("segmenter dictionary changed"), or undefined. */
export function inputChange(stored: Record<string, string> | undefined, current: Record<string, string> = indexInputs()): string | undefined {
  if (!stored) return 'the index records no build inputs (built by an older version)';
  const changed: string[] = [];
  for (const name of new Set([...Object.keys(current), ...Object.keys(stored)])) {
    if (stored[name] === current[name]) continue;
    const label = inputs.get(name)?.label ?? name;
    changed.push(stored[name] === undefined ? `${label} added` : current[name] === undefined ? `${label} removed` : `${label} changed`);
  }
  return changed.length ? changed.join(', ') : undefined;
}
