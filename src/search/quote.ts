// The verbatim quote shown for a passage: at most `max` characters of whole sentences around the
// answering sentence, cut from the article's cleaned text (so it is always a slice of the article).
import type { Article, Chunk } from '../corpus/types.js';
import { sentenceSpans, type Span } from '../corpus/sentences.js';

export function quote(article: Article, chunk: Chunk, best: Span, max: number): { text: string; start: number; end: number } {
  if (chunk.end - chunk.start <= max) return { text: chunk.text, start: chunk.start, end: chunk.end };
  const spans = sentenceSpans(article.text, chunk.start, chunk.end);
  let i = spans.findIndex((s) => s.start === best.start);
  if (i < 0) i = 0;
  let j = i;
  const fits = (a: number, b: number) => spans[b]!.end - spans[a]!.start <= max;
  while (true) {
    if (j + 1 < spans.length && fits(i, j + 1)) j++;
    else if (i > 0 && fits(i - 1, j)) i--;
    else break;
  }
  const start = spans[i]!.start;
  let end = spans[j]!.end;
  if (end - start > max) end = start + max; // a single sentence longer than the limit
  return { text: article.text.slice(start, end), start, end };
}
