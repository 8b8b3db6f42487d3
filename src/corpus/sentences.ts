// Sentence boundaries for Chinese (and incidental English) text.
// A sentence ends after 。！？；!? (or an ellipsis closing a paragraph), keeping any closing quotes or
// brackets with it, so a quote never starts with a dangling ”. A Latin period ends a sentence only
// before whitespace, so 3.7万 and 2.0 stay whole.

export interface Span {
  start: number;
  end: number;
}

const BOUNDARY = /(?:[。！？!?；;]+|\.(?=\s)|(?:……|…)(?=\s*$))[”’」』）)》】"']*/gu;

/** Sentence spans of `text` between `from` and `to` (offsets into `text`), trimmed of whitespace. */
export function sentenceSpans(text: string, from = 0, to = text.length): Span[] {
  const slice = text.slice(from, to);
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(slice[s]!)) s++;
    while (e > s && /\s/.test(slice[e - 1]!)) e--;
    if (e > s) spans.push({ start: from + s, end: from + e });
    start = end;
  };
  for (const m of slice.matchAll(BOUNDARY)) push(m.index + m[0].length);
  push(slice.length);
  return spans;
}

/** Splits an over-long sentence at clause punctuation into pieces of at most `max` characters. */
export function splitLongSentence(text: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max) return [span];
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    const cut = Math.max(window.lastIndexOf('，'), window.lastIndexOf('、'), window.lastIndexOf(','), window.lastIndexOf('：'));
    const end = cut > max / 3 ? start + cut + 1 : start + max;
    pieces.push({ start, end });
    start = end;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

/** A byline opening a paragraph's first sentence: "本报讯(渝西都市报记者 彭禹乔)2月21日,…". */
const INLINE_BYLINE = /^(?:本报讯|本报[\u4e00-\u9fff]{0,4}电|新华社[\u4e00-\u9fff]{0,6}电)?\s*[(（][^()（）]{0,40}?(?:记者|通讯员|融媒体中心)[^()（）]{0,40}[)）]\s*/;

/** Length of the byline that opens `sentence` (0 when none): what is said starts after it. */
export function leadingByline(sentence: string): number {
  const m = INLINE_BYLINE.exec(sentence);
  return m && m[0].length < sentence.length ? m[0].length : 0;
}
