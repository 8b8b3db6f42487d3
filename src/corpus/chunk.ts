// Cleaned article → retrieval chunks. A chunk is a run of whole sentences from consecutive paragraphs
// of one section, at most `maxChars` long, overlapping its predecessor by up to `overlapChars` of
// whole sentences. Chunks never cross a section, a caption or a byline, and are verbatim slices of the
// article text, so every quote can be traced back by its span. Photo captions are chunks of their own
// (a caption's facts are often nowhere else), with the credit printed under them; so is each byline (who
// reported is asked too), and each headline with its deck ("——…系列评论之二": which series, which part, is
// asked too, and a deck is nowhere else); a chunk's kind is its first block's kind.
import type { Article, Chunk, ChunkerOptions } from './types.js';
import { DECK } from './clean.js';
import { isBareCredit } from './credits.js';
import { sentenceSpans, splitLongSentence, type Span } from './sentences.js';

export const DEFAULT_CHUNKER: ChunkerOptions = { maxChars: 400, overlapChars: 60 };

interface Sentence extends Span {
  block: number;
}

/** Consecutive paragraph blocks of the same section: the largest unit a chunk may span. */
function runs(article: Article): Sentence[][] {
  const out: Sentence[][] = [];
  let current: Sentence[] = [];
  let section: string | undefined;
  article.blocks.forEach((b, i) => {
    if (b.kind !== 'paragraph' || b.section !== section) {
      if (current.length) out.push(current);
      current = [];
      section = b.kind === 'paragraph' ? b.section : undefined;
    }
    if (b.kind !== 'paragraph') return;
    for (const s of sentenceSpans(article.text, b.start, b.end)) current.push({ ...s, block: i });
  });
  if (current.length) out.push(current);
  return out;
}

export function chunkArticle(article: Article, options: ChunkerOptions = DEFAULT_CHUNKER, firstId = 0): Chunk[] {
  const { maxChars, overlapChars } = options;
  const chunks: Chunk[] = [];
  for (const run of runs(article)) {
    const sentences = run.flatMap((s) =>
      splitLongSentence(article.text, s, maxChars).map((p) => ({ ...p, block: s.block })),
    );
    let i = 0;
    while (i < sentences.length) {
      let j = i;
      // Grow while it fits; prefer to stop at a paragraph boundary once the chunk is half full.
      while (j + 1 < sentences.length && sentences[j + 1]!.end - sentences[i]!.start <= maxChars) {
        const nextStartsParagraph = sentences[j + 1]!.block !== sentences[j]!.block;
        if (nextStartsParagraph && sentences[j]!.end - sentences[i]!.start >= maxChars / 2) break;
        j++;
      }
      const first = sentences[i]!;
      const last = sentences[j]!;
      chunks.push({
        id: firstId + chunks.length,
        file: article.meta.file,
        text: article.text.slice(first.start, last.end),
        start: first.start,
        end: last.end,
        section: article.blocks[first.block]!.section,
        block: first.block,
      });
      if (j + 1 >= sentences.length) break;
      // Next chunk starts with the trailing sentences that fit in the overlap (always moving forward),
      // but only with as many as leave room for the next new sentence: a chunk that added nothing
      // to its predecessor would only repeat it.
      const next = sentences[j + 1]!;
      let k = j + 1;
      while (
        k - 1 > i &&
        last.end - sentences[k - 1]!.start <= overlapChars &&
        sentences[k - 1]!.block === last.block &&
        next.end - sentences[k - 1]!.start <= maxChars
      ) {
        k--;
      }
      i = k;
    }
  }
  article.blocks.forEach((b, i) => {
    if (b.kind === 'heading' && DECK.test(b.text)) {
      // The headline the deck stands under: the headings right before it.
      let first = i;
      while (first > 0 && article.blocks[first - 1]!.kind === 'heading' && !DECK.test(article.blocks[first - 1]!.text)) first--;
      const start = article.blocks[first]!.start;
      chunks.push({ id: firstId + chunks.length, file: article.meta.file, text: article.text.slice(start, b.end), start, end: b.end, section: b.section, block: first });
      return;
    }
    if (b.kind === 'byline') {
      chunks.push({ id: firstId + chunks.length, file: article.meta.file, text: b.text, start: b.start, end: b.end, section: b.section, block: i });
      return;
    }
    if (b.kind !== 'caption') return;
    // A credit on a line of its own ("记者 李雨恒 摄/视觉重庆") is the caption before it's: one passage, so
    // "who took that photo" finds the credit with the picture it names.
    const before = chunks.at(-1);
    if (before && before.block === i - 1 && article.blocks[i - 1]!.kind === 'caption' && isBareCredit(article.text.slice(b.start, b.end))) {
      Object.assign(before, { end: b.end, text: article.text.slice(before.start, b.end) });
      return;
    }
    for (const p of splitLongSentence(article.text, { start: b.start, end: b.end }, maxChars)) {
      chunks.push({ id: firstId + chunks.length, file: article.meta.file, text: article.text.slice(p.start, p.end), start: p.start, end: p.end, section: b.section, block: i });
    }
  });
  return chunks;
}
