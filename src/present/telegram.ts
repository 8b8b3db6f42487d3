// Answers as Telegram HTML: each passage quoted in a <blockquote> (expandable when long), the answering
// sentence in bold, the source on its own line. Everything that comes from the corpus or the user is
// escaped, and replies are split between passages so that no message exceeds Telegram's 4,096
// characters (counted after entity parsing) and no tag is ever cut.
import type { ArticleMeta } from '../corpus/types.js';
import type { Answer, Passage, Source } from '../search/answer.js';
import type { PassageContext } from '../search/engine.js';
import { MESSAGES, citation, notAnsweredText, sectionLabel, shownDate, type Lang } from './messages.js';

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

/** The URL when it is a well-formed http(s) address (anything else is never made a link). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const attr = (s: string) => escapeHtml(s).replace(/"/g, '&quot;');

/** The citation line in HTML: the title links to the article when its address is known. */
export function citationHtml(s: Source, lang: Lang): string {
  const url = safeUrl(s.url);
  const title = url ? `《<a href="${attr(url)}">${escapeHtml(s.title)}</a>》` : `《${escapeHtml(s.title)}》`;
  return [title, ...[s.paper, shownDate(s.date, lang), sectionLabel(s)].filter(Boolean).map(escapeHtml)].join(' · ');
}

export function passageHtml(p: Passage, lang: Lang, index?: number): string {
  const label = index === undefined ? '' : `${index}. `;
  const kind = p.kind === 'text' ? '' : `${escapeHtml(MESSAGES[lang][p.kind])} · `;
  return `${quoteHtml(p)}\n${label}${kind}${citationHtml(p.source, lang)}`;
}

/** Telegram's limit for a copy_text button (Bot API 7.11). */
export const COPY_TEXT_MAX = 256;

/** The text a "copy citation" button copies: the answering sentence with 《title》, paper, date and URL. */
export function copyCitation(p: Passage, lang: Lang): string {
  const s = p.source;
  const tail = `——${citation({ ...s, section: '' }, lang)}${safeUrl(s.url) ? ` ${safeUrl(s.url)}` : ''}`;
  let sentence = p.text.slice(p.highlight.start, p.highlight.end).trim() || p.text.trim();
  const room = COPY_TEXT_MAX - [...tail].length - 2;
  if (room < 10) return tail.trim().slice(0, COPY_TEXT_MAX); // an absurdly long title or URL: the source alone
  if (sentence.length > room) sentence = `${sentence.slice(0, room - 1)}…`;
  return `“${sentence}”${tail}`;
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
  /** The quoted passages, in order, for "full context" and "copy citation" buttons. */
  passages: Passage[];
  /** More answering passages exist after this page. */
  hasMore: boolean;
  /** Not covered, but the nearest passages can be shown on request. */
  hasClosest: boolean;
}

/** A page of an answer: the best sentence first, then the numbered quotes with their sources. */
export function renderAnswer(answer: Answer, lang: Lang, offset = 0): RenderedAnswer {
  const m = MESSAGES[lang];
  const translated = answer.translatedTerms?.length ? [`<i>${escapeHtml(m.translated(answer.translatedTerms))}</i>`] : [];
  if (!answer.answered || answer.results.length === 0) {
    const text = escapeHtml(offset > 0 ? m.noMore : notAnsweredText(answer.reason, lang, answer.absent));
    const hasClosest = offset === 0 && answer.status === 'not-covered' && (answer.closest?.length ?? 0) > 0;
    return { messages: [text], passages: [], hasMore: false, hasClosest };
  }
  const top = answer.results[0]!;
  const sentence = escapeHtml(top.text.slice(top.highlight.start, top.highlight.end));
  // Low confidence: the passages are offered as possibly relevant, not as the answer.
  const lead = answer.status === 'caveat' ? `<b>${escapeHtml(m.possiblyRelevant)}</b>` : `<b>${escapeHtml(m.answerLead)}</b> ${sentence}`;
  const blocks = answer.results.map((p, i) => passageHtml(p, lang, offset + i + 1));
  const shown = offset + answer.results.length;
  const footer =
    answer.total > answer.results.length || offset > 0
      ? [`<i>${escapeHtml(m.page(offset + 1, shown, answer.total))}</i>`]
      : [];
  return {
    messages: pack([offset === 0 ? lead : '', ...(offset === 0 ? translated : []), ...blocks, ...footer].filter(Boolean)),
    passages: answer.results,
    hasMore: shown < answer.total,
    hasClosest: false,
  };
}

/** The nearest passages of a question the coverage does not answer, clearly labelled as not answering. */
export function renderClosest(answer: Answer, lang: Lang): RenderedAnswer {
  const closest = answer.closest ?? [];
  const blocks = closest.map((p, i) => passageHtml(p, lang, i + 1));
  return { messages: pack([`<b>${escapeHtml(MESSAGES[lang].closestLead)}</b>`, ...blocks]), passages: closest, hasMore: false, hasClosest: false };
}

export function renderContext(c: PassageContext, lang: Lang): string[] {
  const quote = `<blockquote expandable>${escapeHtml(c.text)}</blockquote>`;
  const cite = citationHtml(c.source, lang);
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
  const lines = list.map((m) => `• ${citationHtml({ ...m, section: '' }, lang)}`);
  return pack([`<b>${escapeHtml(MESSAGES[lang].sourcesTitle(list.length))}</b>`, lines.join('\n')]);
}

/** An inline-mode result: the quote with its citation, ready to insert into any chat. Results differ at a glance: the title line names the story and its date, the description is the answering sentence. */
export function inlineArticle(p: Passage, lang: Lang): { title: string; description: string; html: string } {
  const sentence = p.text.slice(p.highlight.start, p.highlight.end).trim();
  const date = shownDate(p.source.date, lang);
  const title = `《${p.source.title}》`;
  return {
    title: title.length + date.length + 3 > 120 ? `${title.slice(0, 120 - date.length - 4)}… · ${date}` : `${title} · ${date}`,
    description: sentence.slice(0, 200),
    html: passageHtml(p, lang),
  };
}
