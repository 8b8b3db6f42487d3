// Follow-up questions sent as a reply to an answer: an elliptical question ("那江津呢？", "去年呢？",
// "What about Jiangjin?") names only what changes, so it is completed from the question it replies to
// by putting the new place/person/time in place of the old one. A full question stands on its own.
import { tagged } from '../text/segment.js';

const ZH_ELLIPSIS = /^(?:那么|那)?\s*(.{1,16}?)\s*(?:呢|怎么样|怎样|如何|又如何)\s*[？?！!。.…]*$/u;
const ZH_LEADING = /^(?:那么|那)\s*(.{1,12}?)\s*[？?！!。.…]*$/u;
const EN_ELLIPSIS = /^(?:and|so|ok|okay)?[\s,]*(?:what|how)\s+about\s+(.{1,60}?)\s*[?.!]*$/i;
const EN_AND = /^and\s+(.{1,40}?)\s*\?+$/i;

const ZH_TIME = /((?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?:去|今|前|明)年(?:上半年|下半年)?|上半年|下半年)/u;
const EN_TIME = /\b(?:in\s+)?(?:(?:19|20)\d{2}|last year|this year|next year)\b/i;
const PROPER = new Set(['ns', 'nr', 'nrt', 'nt', 'nz', 'nrfg']);

/** The changed part of an elliptical follow-up ("江津" of "那江津呢？"), or undefined for a full question. */
export function ellipticalPart(question: string): string | undefined {
  const q = question.trim();
  const m = ZH_ELLIPSIS.exec(q) ?? ZH_LEADING.exec(q) ?? EN_ELLIPSIS.exec(q) ?? EN_AND.exec(q);
  const part = m?.[1]?.trim();
  return part ? part : undefined;
}

function isTime(part: string): boolean {
  return new RegExp(`^(?:${ZH_TIME.source})$`, 'u').test(part) || new RegExp(`^${EN_TIME.source}$`, 'i').test(part);
}

function replaceTime(previous: string, part: string): string {
  if (/[\u4e00-\u9fff]/.test(previous)) return ZH_TIME.test(previous) ? previous.replace(ZH_TIME, part) : `${part}${previous}`;
  const bare = part.replace(/^in\s+/i, '');
  const phrase = /^\d/.test(bare) ? `in ${bare}` : bare;
  if (EN_TIME.test(previous)) return previous.replace(EN_TIME, (m) => (/^in\s/i.test(m) ? phrase : bare));
  return `${previous.replace(/[?？.!\s]+$/, '')} ${phrase}?`;
}

/** Proper nouns in a text, with their part-of-speech tags, in order. */
function properNouns(text: string): { word: string; tag: string }[] {
  if (/[\u4e00-\u9fff]/.test(text)) return tagged(text).filter((t) => PROPER.has(t.tag));
  // English: capitalised words past the first word ("Who is the party secretary of Yongchuan?").
  return [...text.matchAll(/(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*/g)].map((m) => ({ word: m[0], tag: 'ns' }));
}

function replaceEntity(previous: string, part: string): string | undefined {
  const mine = properNouns(part);
  const theirs = properNouns(previous);
  if (theirs.length === 0) return undefined;
  const replacement = mine[0]?.word ?? part;
  const target = theirs.find((t) => t.tag === mine[0]?.tag) ?? theirs[0]!;
  return previous.replace(target.word, replacement);
}

/**
 * The question a follow-up asks: `current` completed from `previous` when it is elliptical, else
 * `current` unchanged. Pure (apart from the segmenter's dictionary).
 */
export function completeFollowUp(previous: string, current: string): string {
  const part = ellipticalPart(current);
  if (!part || !previous.trim()) return current;
  const prev = previous.trim();
  // An English name or time cannot stand in a Chinese question (nor the other way round), except a bare
  // year ("2023呢？"): ask it as it is.
  if (CJK.test(prev) !== CJK.test(part) && !/^\d{4}$/.test(part)) return current;
  if (isTime(part)) return replaceTime(prev, /^\d{4}$/.test(part) && CJK.test(prev) ? `${part}年` : part);
  // "那2023年永川呢？": the time and the place both change.
  const time = (CJK.test(part) ? ZH_TIME : EN_TIME).exec(part)?.[0];
  const rest = time ? part.replace(time, '').trim() : part;
  const timed = time ? replaceTime(prev, time.trim()) : prev;
  if (!rest) return timed;
  return replaceEntity(timed, rest) ?? (time ? timed : current);
}

const CJK = /[\u4e00-\u9fff]/;
