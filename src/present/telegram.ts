// Answers as Telegram HTML: each passage quoted in a <blockquote> (expandable when long), the answering
// sentence in bold, the source on its own line. Everything that comes from the corpus or the user is
// escaped, and replies are split between passages so that no message exceeds Telegram's 4,096
// characters (counted after entity parsing) and no tag is ever cut.
import type { ArticleMeta } from '../corpus/types.js';
import type { Answer, Passage } from '../search/answer.js';
import type { PassageContext } from '../search/engine.js';
import { MESSAGES, citation, notAnsweredText, type Lang } from './messages.js';

export const TELEGRAM_TEXT_LIMIT = 4096;
/** Passages longer than this are shown folded (`<blockquote expandable>`). */
const EXPAND_AFTER = 240;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Length of an HTML message as Telegram counts it: tags removed, entities decoded, in UTF-16 units. */
export function visibleLength(html: string): number {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
}

function quoteHtml(p: Passage): string {
  const { start, end } = p.highlight;
  const body =
    escapeHtml(p.text.slice(0, start)) + `<b>${escapeHtml(p.text.slice(start, end))}</b>` + escapeHtml(p.text.slice(end));
  return `<blockquote${p.text.length > EXPAND_AFTER ? ' expandable' : ''}>${body}</blockquote>`;
}

export function passageHtml(p: Passage, lang: Lang, index?: number): string {
  const label = index === undefined ? '' : `${index}. `;
  return `${quoteHtml(p)}\n${label}${escapeHtml(citation(p.source, lang))}`;
}

/** Joins blocks into messages of at most `limit` visible characters, never splitting a block. */
export function pack(blocks: string[], limit = TELEGRAM_TEXT_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const block of blocks) {
    const candidate = current ? `${current}\n\n${block}` : block;
    if (current && visibleLength(candidate) > limit) {
      messages.push(current);
      current = block;
    } else {
      current = candidate;
    }
  }
  if (current) messages.push(current);
  return messages;
}

export interface RenderedAnswer {
  /** HTML messages, in order (usually one). */
  messages: string[];
  /** Ids of the quoted passages, in order, for "full context" buttons. */
  chunkIds: number[];
  /** More answering passages exist after this page. */
  hasMore: boolean;
}

/** A page of an answer: the best sentence first, then the numbered quotes with their sources. */
export function renderAnswer(answer: Answer, lang: Lang, offset = 0): RenderedAnswer {
  if (!answer.answered || answer.results.length === 0) {
    return { messages: [escapeHtml(offset > 0 ? MESSAGES[lang].noMore : notAnsweredText(answer.reason, lang))], chunkIds: [], hasMore: false };
  }
  const top = answer.results[0]!;
  const lead = `<b>${escapeHtml(MESSAGES[lang].answerLead)}</b> ${escapeHtml(top.text.slice(top.highlight.start, top.highlight.end))}`;
  const blocks = answer.results.map((p, i) => passageHtml(p, lang, offset + i + 1));
  const shown = offset + answer.results.length;
  const footer =
    answer.total > answer.results.length || offset > 0
      ? [`<i>${escapeHtml(MESSAGES[lang].page(offset + 1, shown, answer.total))}</i>`]
      : [];
  return {
    messages: pack([offset === 0 ? lead : '', ...blocks, ...footer].filter(Boolean)),
    chunkIds: answer.results.map((p) => p.chunkId),
    hasMore: shown < answer.total,
  };
}

export function renderContext(c: PassageContext, lang: Lang): string[] {
  const quote = `<blockquote expandable>${escapeHtml(c.text)}</blockquote>`;
  const cite = escapeHtml(citation(c.source, lang));
  // The paragraph alone may approach the limit: split it on sentence ends if it must.
  if (visibleLength(quote) + cite.length + 2 <= TELEGRAM_TEXT_LIMIT) return [`${quote}\n${cite}`];
  const pieces: string[] = [];
  let rest = c.text;
  while (rest.length > 0) {
    let cut = Math.min(rest.length, TELEGRAM_TEXT_LIMIT - cite.length - 50);
    const stop = rest.slice(0, cut).search(/[。！？!?][^。！？!?]*$/);
    if (cut < rest.length && stop > cut / 2) cut = stop + 1;
    pieces.push(`<blockquote expandable>${escapeHtml(rest.slice(0, cut))}</blockquote>`);
    rest = rest.slice(cut);
  }
  pieces[pieces.length - 1] += `\n${cite}`;
  return pieces;
}

export function renderSources(list: ArticleMeta[], lang: Lang): string[] {
  const lines = list.map((m) => `• ${escapeHtml(citation({ ...m, section: '' }, lang))}`);
  return pack([`<b>${escapeHtml(MESSAGES[lang].sourcesTitle(list.length))}</b>`, lines.join('\n')]);
}

/** An inline-mode result: the quote with its citation, ready to insert into any chat. */
export function inlineArticle(p: Passage, lang: Lang): { title: string; description: string; html: string } {
  const sentence = p.text.slice(p.highlight.start, p.highlight.end);
  return {
    title: `《${p.source.title}》`.slice(0, 120),
    description: sentence.slice(0, 200),
    html: passageHtml(p, lang),
  };
}
