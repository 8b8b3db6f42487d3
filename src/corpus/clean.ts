// Raw OCR-like article text → structured blocks (headings, paragraphs, captions, bylines).
//
// Newspaper files arrive hard-wrapped to a column width, with blank lines between wrapped lines, words
// split across lines, headings that are just short unpunctuated lines, photo captions and bylines mixed
// into the flow and sometimes a block printed twice. The rules below rely on properties of printed
// Chinese text rather than on any one file: a paragraph ends with sentence-final punctuation; in a
// hard-wrapped column only the last line of a paragraph (or a heading) is shorter than the column; a
// heading does not end with punctuation.
import { words } from '../text/segment.js';
import type { Block, BlockKind } from './types.js';
import { CREDIT } from './credits.js';
import { SOFT_END, TERMINAL, joinWrapped, skeleton, visualWidth, bigrams } from '../text/chars.js';

interface Line {
  text: string;
  /** A blank line follows this one in the raw file. */
  blankAfter: boolean;
  role: 'text' | 'md-heading' | 'caption' | 'byline';
}

interface Unit {
  kind: BlockKind;
  text: string;
  /** Markdown heading (`## `) rather than a plain short line: a story/section title, not a sub-head. */
  major?: boolean;
  /** A deck ("——…") under a headline: part of the heading group but not of the section label. */
  deck?: boolean;
}

export interface CleanResult {
  /** Blocks in reading order with offsets into `text`. */
  blocks: Block[];
  text: string;
  /** Headline found in the text (leading heading group, or a trailing one as OCR often puts it last). */
  titleFromText?: string;
}

// Numbered captions "①璧山：…" (credits: credits.ts).
const NUMBERED_CAPTION = /^[①-⑳]/;
// Bylines: short, unpunctuated lines naming reporters, or the parenthesised reporter list at the end.
const BYLINE_WORD = /(记者|评论员|通讯员|融媒体中心|编辑|责任编辑)/;
const SENTENCE_PUNCT = /[，。！？；：,!?;:]/;
/** A deck or attribution line under a headline: "——习近平总书记…引发热烈反响". */
export const DECK = /^[—－]{2}/;

/** A credit ending a photo's caption, then more text on the same line: the next photo's caption. */
const GLUED_CREDIT = /^((?:记者|通讯员|特约摄影)\s*[\u4e00-\u9fff·]{2,4}\s*摄(?:\s*[/／]\s*视觉重庆)?)\s*([\d\u4e00-\u9fff①-⑳].{5,})$/;

function classify(text: string): Line['role'] {
  if (/^#{1,6}\s+\S/.test(text)) return 'md-heading';
  if (CREDIT.test(text) || NUMBERED_CAPTION.test(text)) return 'caption';
  const bare = text.replace(/^[（(]|[)）]$/g, '');
  if (BYLINE_WORD.test(text) && visualWidth(text) <= 80 && !SENTENCE_PUNCT.test(bare)) return 'byline';
  return 'text';
}

function toLines(raw: string): Line[] {
  const rows = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2002-\u200b]/g, ' ')
    .split('\n');
  const lines: Line[] = [];
  rows.forEach((row, i) => {
    const text = row.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (!text) {
      if (lines.length) lines[lines.length - 1]!.blankAfter = true;
      return;
    }
    // OCR glues a photo's credit to the next photo's caption ("记者 张三 摄/视觉重庆4月23日，…"): two lines.
    const glued = GLUED_CREDIT.exec(text);
    for (const part of glued ? [glued[1]!, glued[2]!] : [text]) lines.push({ text: part, blankAfter: false, role: classify(part) });
    lines[lines.length - 1]!.blankAfter = i === rows.length - 1;
  });
  return lines;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Column width of a hard-wrapped file, or Infinity when lines are whole paragraphs. Measured on
 * mid-paragraph lines (they contain a comma and do not end a sentence), which fill the column.
 */
function columnWidth(lines: Line[]): number {
  const widths = lines
    .filter((l) => l.role === 'text' && /[，、,]/.test(l.text) && !TERMINAL.test(l.text))
    .map((l) => visualWidth(l.text))
    .sort((a, b) => a - b);
  if (widths.length < 8) return Infinity;
  const p25 = quantile(widths, 0.25);
  const p75 = quantile(widths, 0.75);
  const p90 = quantile(widths, 0.9);
  return p75 <= 60 && p75 - p25 <= 3 ? p90 : Infinity;
}

/** Does a word span the line break? ("盛逵表|示" → 表示, "用习|近平" → 习近平). */
function wordCrossesBreak(a: string, b: string): boolean {
  const tail = a.slice(-4);
  const head = b.slice(0, 4);
  let pos = 0;
  for (const token of words(tail + head)) {
    const end = pos + token.length;
    if (pos < tail.length && end > tail.length && token.length > 1) return true;
    pos = end;
  }
  return false;
}

/** Evidence that line `b` continues line `a` (positive) or starts something new (negative). */
function continuationScore(a: Line, b: Line, blankSeparated: boolean): number {
  let score = 0;
  if (/^[^，、。；：！？,.;:!?][，、。；：！？,;:!?]/u.test(b.text)) score += 3; // "示，…": a split word
  if (wordCrossesBreak(a.text, b.text)) score += 2;
  if (/[，、,；;：:]/.test(a.text)) score += 1; // headings rarely contain clause punctuation
  if (/[\u4e00-\u9fff] +[\u4e00-\u9fff“]/.test(a.text)) score -= 2; // "铜梁 数智赋能 …": spaced heading
  if (/^[“「『《（(#—]/.test(b.text)) score -= 2; // the next line opens a quote or a new block
  if (blankSeparated && !a.blankAfter) score -= 2; // in blank-separated files a bare newline is structure
  return score;
}

function joinsNext(a: Line, b: Line | undefined, width: number, blankSeparated: boolean): boolean {
  if (!b || b.role !== 'text' || TERMINAL.test(a.text) || DECK.test(a.text)) return false;
  if (SOFT_END.test(a.text)) return true;
  const w = visualWidth(a.text);
  if (Number.isFinite(width)) {
    if (w >= width - 1.5) return true; // a full column line
    if (w >= width - 3.5) return continuationScore(a, b, blankSeparated) >= 0; // full but for an indent
    return false; // a short line ends a paragraph or is a heading
  }
  if (w >= 40) return true; // a long paragraph line cut mid-sentence
  return continuationScore(a, b, blankSeparated) >= 2;
}

function toUnits(lines: Line[]): Unit[] {
  const text = lines.filter((l) => l.role === 'text');
  const width = columnWidth(lines);
  const blankSeparated = text.length > 0 && text.filter((l) => l.blankAfter).length / text.length >= 0.6;

  const units: Unit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.role === 'md-heading') {
      const t = line.text.replace(/^#{1,6}\s+/, '');
      units.push({ kind: 'heading', text: t, major: true, deck: DECK.test(t) });
      continue;
    }
    if (line.role !== 'text') {
      units.push({ kind: line.role, text: line.text });
      continue;
    }
    let joined = line.text;
    while (joinsNext(lines[i]!, lines[i + 1], width, blankSeparated)) {
      i++;
      joined = joinWrapped(joined, lines[i]!.text);
    }
    const kind: BlockKind = TERMINAL.test(joined) || visualWidth(joined) > 50 ? 'paragraph' : 'heading';
    units.push({ kind, text: joined, deck: kind === 'heading' && DECK.test(joined) });
  }
  return markCaptionText(mergeSplitHeadings(units));
}

/** A heading wrapped mid-word ("…为基" / "层治理减负增效") is one heading. */
function mergeSplitHeadings(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    const prev = out[out.length - 1];
    if (prev?.kind === 'heading' && u.kind === 'heading' && !prev.major && !u.major && wordCrossesBreak(prev.text, u.text)) {
      prev.text = joinWrapped(prev.text, u.text);
    } else {
      out.push(u);
    }
  }
  return out;
}

/**
 * A caption's own text often stands on the line before a bare credit ("工人收看新闻。" / "记者 李雨恒 摄");
 * and text broken off right before a caption (no final punctuation) is part of the photo zone.
 */
function markCaptionText(units: Unit[]): Unit[] {
  for (let i = 0; i + 1 < units.length; i++) {
    const u = units[i]!;
    const next = units[i + 1]!;
    if (u.kind !== 'paragraph' || next.kind !== 'caption') continue;
    const creditFirst = visualWidth(next.text) <= 20 || CREDIT.exec(next.text)?.index === 0;
    if ((creditFirst && visualWidth(u.text) <= 80) || !TERMINAL.test(u.text)) u.kind = 'caption';
  }
  return units;
}

/** Collapses paragraphs printed twice: keeps the copy whose section heading fits it best. */
function dropDuplicates(blocks: Omit<Block, 'start' | 'end'>[]): Omit<Block, 'start' | 'end'>[] {
  const groups = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    if (b.kind !== 'paragraph') return;
    const key = skeleton(b.text);
    if (key.length < 20) return;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const drop = new Set<number>();
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue;
    // How often the section heading's bigrams occur in the paragraph (江津 ×4 under "江津 …").
    const fit = (i: number) => {
      const body = skeleton(blocks[i]!.text);
      let n = 0;
      for (const g of bigrams(blocks[i]!.section)) n += body.split(g).length - 1;
      return n;
    };
    const keep = indexes.reduce((best, i) => (fit(i) > fit(best) ? i : best), indexes[0]!);
    for (const i of indexes) if (i !== keep) drop.add(i);
  }
  return blocks.filter((_, i) => !drop.has(i));
}

/** Assigns each block its section ("major · minor") from the heading groups above it. */
function withSections(units: Unit[]): { blocks: Omit<Block, 'start' | 'end'>[]; titleFromText?: string } {
  const out: Omit<Block, 'start' | 'end'>[] = [];
  let major = '';
  let minor = '';
  let titleFromText: string | undefined;
  let seenParagraph = false;
  let group: Omit<Block, 'start' | 'end'>[] = [];
  let groupUnits: Unit[] = [];
  const label = (hs: Unit[]) => hs.filter((h) => !h.deck).map((h) => h.text).join(' ');

  const closeGroup = () => {
    let heads = groupUnits;
    if (!seenParagraph) {
      // The leading heading group holds the headline and its decks; the rest names the first section.
      const firstNonDeck = heads.slice(1).findIndex((h) => !h.deck);
      const titleLen = firstNonDeck === -1 ? heads.length : firstNonDeck + 1;
      titleFromText = heads.slice(0, titleLen).map((h) => h.text).join('');
      heads = heads.slice(titleLen);
    }
    const majors = heads.filter((h) => h.major);
    if (majors.length) {
      major = label(majors);
      minor = label(heads.filter((h) => !h.major));
    } else if (heads.length) {
      minor = label(heads);
    }
    const section = [major, minor].filter(Boolean).join(' · ');
    for (const b of group) b.section = section;
    group = [];
    groupUnits = [];
  };

  for (const u of units) {
    const block = { kind: u.kind, text: u.text, section: '' };
    if (u.kind === 'heading') {
      group.push(block);
      groupUnits.push(u);
    } else if (u.kind === 'byline' && groupUnits.length) {
      // A byline under a headline ("本报评论员") belongs to the story it heads, not to the one before.
      group.push(block);
      out.push(block);
      continue;
    } else if (u.kind === 'paragraph' && groupUnits.length) {
      closeGroup();
    }
    if (u.kind === 'paragraph') seenParagraph = true;
    if (u.kind !== 'heading') block.section = [major, minor].filter(Boolean).join(' · ');
    out.push(block);
  }
  // Headings after the last paragraph: OCR often puts the headline at the end of the page.
  if (titleFromText === undefined && groupUnits.length) titleFromText = label(groupUnits).replace(/ /g, '');
  return titleFromText === undefined ? { blocks: out } : { blocks: out, titleFromText };
}

export function cleanArticle(raw: string): CleanResult {
  const units = toUnits(toLines(raw));
  const { blocks: sectioned, titleFromText } = withSections(units);
  const kept = dropDuplicates(sectioned);
  const blocks: Block[] = [];
  let text = '';
  for (const b of kept) {
    if (text) text += '\n\n';
    blocks.push({ ...b, start: text.length, end: text.length + b.text.length });
    text += b.text;
  }
  return { blocks, text, ...(titleFromText ? { titleFromText } : {}) };
}
