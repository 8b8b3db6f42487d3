// Small character-level helpers shared by the cleaner, the chunker and the search side.

/** Sentence-final punctuation, optionally followed by closing quotes/brackets. */
export const TERMINAL = /(?:[。！？!?；;]|……|…|\.)[”’」』）)》】"'\s]*$/;
/** Punctuation after which a sentence certainly continues on the next line. */
export const SOFT_END = /[，、,：:（(“‘「『《【—\-－/]$/;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const isCjk = (ch: string): boolean => CJK.test(ch);

/**
 * Printed width in "full-width cells": CJK characters and full-width punctuation count 1, ASCII 0.5.
 * Hard-wrapped newspaper columns are uniform in this unit, not in string length.
 */
export function visualWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c < 0x2000 || (c >= 0xff61 && c <= 0xff9f) ? 0.5 : 1;
  }
  return w;
}

/** Joins two wrapped line parts: no space inside CJK text, one space between two Latin words. */
export function joinWrapped(a: string, b: string): string {
  if (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b)) return `${a} ${b}`;
  return a + b;
}

/** Text reduced to its letters, for duplicate detection and overlap measures. */
export function skeleton(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Character bigrams of a string's skeleton (the unit of near-duplicate and overlap tests). */
export function bigrams(s: string): Set<string> {
  const t = skeleton(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
