// The answer pipeline shared by the terminal, the CLI and the bot: question → candidates → passages
// ranked by how well they support the question (rank.ts) → the answering sentence marked in each →
// then, and only then, the decision (decide.ts): answered, answered with a caveat, or not covered.
import { leadingByline } from '../corpus/sentences.js';
import { storyOf } from '../corpus/stories.js';
import type { Article, Chunk } from '../corpus/types.js';
import { confidenceOf, features, statusOf } from './decide.js';
import { DEFAULT_RANKING, type Decision, type RankingOptions } from './knobs.js';
import { analyzeQuery, ASKS, type AnalyzedQuery, type QueryWord } from './query.js';
import { quote } from './quote.js';
import { diversify, rank, type Scored } from './rank.js';
import { retrieve, type SearchComponents, type StageTimes } from './retrieve.js';
import { resolveUnknownWords } from './unknown.js';
import { queryFromTranslation, shownTerms } from './translate.js';
import type { CoverageVocabulary } from '../text/english.js';
import { chunkKind, chunkView, patterns, wordStats, type WordStats } from './support.js';
import { isCjk } from '../text/chars.js';
import { chineseToNumber } from '../text/numbers.js';
import { perLexicon, type Lexicon } from '../text/lexicon.js';
import { bigramTerms, COMMON_WORD_IDF, tagged, wordIdf } from '../text/segment.js';

export interface Source {
  file: string;
  /** The headline of the passage's own story (a page can hold several). */
  title: string;
  /** The page's title, when the passage's story is not the page's lead. */
  page?: string;
  paper: string;
  date: string;
  section: string;
  url?: string;
}

export type PassageKind = 'text' | 'caption' | 'byline' | 'heading';

export interface Passage {
  chunkId: number;
  /** Body text, a photo caption (cited as a caption), a byline or a headline with its deck (cited as one). */
  kind: PassageKind;
  /** Verbatim quote from the article (at most `quoteMaxChars`). */
  text: string;
  /** The sentence that best answers, as offsets into `text`. */
  highlight: { start: number; end: number };
  score: number;
  /** Weighted share of the question's words found in the highlighted sentence and its headings. */
  coverage: number;
  source: Source;
}

export type NotAnsweredReason = 'empty' | 'not-covered' | 'needs-model';

/**
 * Three honest outcomes: `answered` (the passages, the answering sentence bold), `caveat` (passages shown
 * as "possibly relevant": confidence is low), `not-covered` (one line; `closest` holds the nearest
 * passages for a "show closest" button). `empty`: nothing to search for (no content words).
 */
export type AnswerStatus = 'answered' | 'caveat' | 'not-covered' | 'empty';

export interface Answer {
  question: string;
  /** true for `answered` and `caveat`. */
  answered: boolean;
  status: AnswerStatus;
  reason?: NotAnsweredReason;
  mode: 'hybrid' | 'lexical';
  /** How sure the engine is that the first passage answers (0–1). */
  confidence: number;
  /** Best passages first (the page asked for); empty when not answered. */
  results: Passage[];
  /** Answering passages in all pages. */
  total: number;
  /** Not covered: the nearest passages anyway (best first), for a "closest passages" button. */
  closest?: Passage[];
  /** A question in another language matched through translated keywords: the Chinese terms used. */
  translatedTerms?: string[];
  /** Not covered because the question names a place or person the coverage never mentions. */
  absent?: string[];
}

export interface Thresholds {
  /**
   * Cross-language questions (multilingual model only): minimum question–passage similarity. Model
   * specific; measured by `npm run eval -- --calibrate`. Without it a match must stand out instead.
   */
  minDense?: number | undefined;
}

export interface AnswerContext extends SearchComponents {
  articles: Map<string, Article>;
  /** The coverage's vocabulary, for translating questions in English (one object: its pinyin map is cached). */
  vocabulary: CoverageVocabulary;
  thresholds: Thresholds;
  ranking: RankingOptions;
}

export function sourceOf(article: Article, chunk: Chunk): Source {
  const { file, paper, date, url } = article.meta;
  // A caption's or byline's heading is wherever the page printed it, not what it is about, and a headline is
  // its own: no section for them.
  const section = kindOf(article, chunk) === 'text' ? chunk.section : '';
  return { file, ...storyOf(article, chunk), paper, date, section, ...(url ? { url } : {}) };
}

export function kindOf(article: Article, chunk: Chunk): PassageKind {
  const kind = chunkKind(article, chunk);
  return kind === 'caption' || kind === 'byline' || kind === 'heading' ? kind : 'text';
}

export interface AskOptions {
  k: number;
  offset?: number;
  times?: StageTimes;
}

/** Without a calibrated threshold, a cross-language match must stand out from the other candidates by this many standard deviations. */
const CROSS_LANGUAGE_Z = 2;
/** The decision looks at this many of the first passages and goes by the best-supported one. */
export const DECISION_DEPTH = 3;
/** Passages offered under a "not covered" answer, for the "closest passages" button. */
const CLOSEST = 3;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot; // both are normalised
}

/**
 * A question in another language than the coverage (multilingual model only): words cannot be matched,
 * so passages are judged by embedding similarity alone, and the highlighted sentence is the passage's
 * sentence closest to the question.
 */
async function crossLanguage(q: AnalyzedQuery, ctx: AnswerContext, opts: AskOptions): Promise<Scored[]> {
  const { candidates, queryVector } = await retrieve(q, ctx, ctx.ranking.retrieve, opts.times);
  const dense = candidates.filter((c) => c.denseScore !== undefined).sort((a, b) => b.denseScore! - a.denseScore!);
  if (!queryVector || dense.length === 0) return [];
  const scores = dense.map((c) => c.denseScore!);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length) || 1;
  const threshold = ctx.thresholds.minDense ?? mean + CROSS_LANGUAGE_Z * std;
  const passing = dense.filter((c) => c.denseScore! >= threshold);
  const scored: Scored[] = [];
  for (const c of passing) {
    const article = ctx.articles.get(c.chunk.file)!;
    const spans = chunkView(c.chunk, article).sentences;
    const vectors = await ctx.embedder!.embedRaw(spans.map((s) => ctx.embedder!.profile.passagePrefix + article.text.slice(s.start, s.end)));
    let best = 0;
    vectors.forEach((v, i) => {
      if (cosine(v, queryVector) > cosine(vectors[best]!, queryVector)) best = i;
    });
    const span = spans[best] ?? { start: c.chunk.start, end: c.chunk.end };
    scored.push({
      chunk: c.chunk,
      denseScore: c.denseScore,
      score: c.denseScore!,
      retrieval: 1,
      judgement: {
        best: { start: span.start, end: span.end, coverage: 0 },
        passage: 0,
        bigrams: 0,
        missing: [],
        missingShare: 0,
        numberMissing: false,
        opposite: false,
        postMismatch: false,
        periodConflict: false,
        metricConflict: false,
        bodyConflict: false,
        placeAbsent: false,
        focusMissing: false,
        nameMissing: false,
        typeOk: true,
        typeAbsent: false,
        typeExact: false,
        measureMissing: false,
      },
    });
  }
  return diversify(scored, ctx);
}

function toPassage(s: Scored, ctx: AnswerContext): Passage {
  const article = ctx.articles.get(s.chunk.file)!;
  const qt = quote(article, s.chunk, s.judgement.best, ctx.ranking.quoteMaxChars);
  let hs = Math.max(s.judgement.best.start, qt.start) - qt.start;
  const he = Math.min(s.judgement.best.end, qt.end) - qt.start;
  // The bold sentence is what was said, not who reported it: a byline opening it stays plain (unless asked).
  if (!s.judgement.best.byline) hs += leadingByline(qt.text.slice(hs, he));
  return {
    chunkId: s.chunk.id,
    kind: kindOf(article, s.chunk),
    text: qt.text,
    highlight: { start: hs, end: Math.max(hs, he) },
    score: Number(s.score.toFixed(4)),
    coverage: Number(s.judgement.best.coverage.toFixed(4)),
    source: sourceOf(article, s.chunk),
  };
}

/** The question analysed and its words looked up in the coverage (homophone typos resolved). */
export interface Understood {
  q: AnalyzedQuery;
  words: WordStats[];
  /** A question in another language: the Chinese terms it was matched through. */
  translated?: string[];
  /** Such a question spells places of the region the coverage never names (Wanzhou → 万州). */
  absentPlaces?: string[];
}

export function understand(question: string, ctx: AnswerContext): Understood {
  let q = analyzeQuery(question, ctx.lexicon);
  let translated: string[] | undefined;
  let absentPlaces: string[] = [];
  if (q.foreign && q.words.length > 0 && !ctx.embedder?.profile.multilingual) {
    // No model that reads English: translate the question into the coverage's words instead.
    const t = ctx.lexicon.english.translate(q.normalized, ctx.vocabulary);
    q = queryFromTranslation(q.original, q.normalized, t, ctx.lexicon);
    translated = shownTerms(t);
    absentPlaces = t.absentPlaces;
  } else {
    q = withAddressedHolders(resolveUnknownWords(q, ctx), ctx);
  }
  const words = wordStats(q, (t) => ctx.lexical.df(t), ctx.ranking.support, ctx.lexical.docCount);
  return { q, words, ...(translated ? { translated } : {}), ...(absentPlaces.length ? { absentPlaces } : {}) };
}

/**
 * "潘主任": someone addressed by surname and post. When the coverage introduces exactly one such person
 * (主任潘文峰, 党组书记、主任潘文峰), a passage naming them (潘文峰说…) names the one asked for: the surname and
 * the post get the name's first two characters as an alias (a two-character name is whole in them).
 */
export function withAddressedHolders(q: AnalyzedQuery, ctx: Pick<AnswerContext, 'articles' | 'lexicon'>): AnalyzedQuery {
  const aliases = new Map<string, string>();
  const modified = ctx.lexicon.postModifiers.map((m) => `(?<!${m})`).join('');
  for (const phrase of q.posts) {
    const [surname, post] = [phrase[0]!, phrase.slice(1)];
    if (!ctx.lexicon.surnames.includes(surname) || !ctx.lexicon.posts.includes(post)) continue;
    const introduced = new RegExp(`${modified}${post}(?:、[^、，,。；;：:\\s]{1,8}?)*${surname}([\\u4e00-\\u9fff]{1,2})`, 'g');
    const names = new Set<string>();
    for (const article of ctx.articles.values()) for (const m of article.text.matchAll(introduced)) names.add(surname + m[1]);
    if (names.size !== 1) continue;
    const name = [...names][0]!.slice(0, 2);
    for (const word of [surname, post, phrase]) aliases.set(word, name);
  }
  if (aliases.size === 0) return q;
  return { ...q, words: q.words.map((w) => (aliases.has(w.word) && !w.aliases.includes(aliases.get(w.word)!) ? { ...w, aliases: [...w.aliases, aliases.get(w.word)!] } : w)) };
}

/**
 * jieba tags as a place or a foreign name (ns, nrt) some words that are none (舞美 "stage art", 托人 "ask
 * someone to"). Such a word is a name when the dictionary has it as a proper noun or it is a gazetteer place —
 * or, tagged a place, it ends as places do (石湖: the dictionary lacks many places). A foreign name no
 * dictionary lists is too likely a misreading. (Person tags, nr, name Chinese people, whom no dictionary lists.)
 */
function notAName(w: QueryWord, lexicon: Lexicon): boolean {
  if (w.tag !== 'ns' && w.tag !== 'nrt') return false;
  const { places } = patterns(lexicon);
  if ([w.word, ...w.aliases].some((x) => places.includes(x) || lexicon.english.isName(x))) return false;
  return w.tag === 'nrt' || !lexicon.placeEndings.includes([...w.word].at(-1)!);
}

/** A numeral and a measure word right before a word: a counted noun is a common noun, whatever its tag ("两条大江"). */
const countedNoun = perLexicon((lexicon) => new RegExp(`(?:[\\d一二两三四五六七八九十几多]+)(?:${lexicon.measures.join('|')})$`));

/**
 * Places and people (jieba's ns/nr tags). Organisations and other proper nouns vary too much in form; a
 * world region (东南亚) may be told by one of its countries.
 */
const NAME_TAG = /^(ns|nr|nrt|nrfg)$/;

/**
 * How the asker calls someone, not a name the coverage would print: a surname and a term of address
 * (刘老板, 王师傅 — the asker's acquaintance, or the coverage's 张金刚 addressed as 张师傅), or 老/小 before a
 * common word (老街坊 "old neighbours", 小伙子).
 */
function addressOrKin(word: string, lexicon: Lexicon): boolean {
  const chars = [...word];
  const rest = chars.slice(1).join('');
  if (lexicon.surnames.includes(chars[0]!) && lexicon.addressTerms.includes(rest)) return true;
  return chars.length === 3 && /^[老小]/.test(word) && lexicon.english.isCommonWord(rest);
}

/** A kind of person, not a name: a common word that names no one, then 人 (家里人 "family", like 城里人). */
function kindOfPerson(word: string): boolean {
  if ([...word].length !== 3 || !word.endsWith('人')) return false;
  const head = word.slice(0, -1);
  const cut = tagged(head);
  return cut.length === 1 && !/^n[rst]/.test(cut[0]!.tag) && (wordIdf(head) ?? Infinity) < COMMON_WORD_IDF;
}

/**
 * A "person" jieba tags nr that is an ordinary word: a kind of person (above; also when tagged nrt), as
 * common in general language as one (容纳; also when tagged nrfg, an ancient name: 连成), or of four or more
 * characters made wholly of common two-character words (蓝天白云 = 蓝天 + 白云); a name's own pieces are rare
 * (上官婉儿: 上官 is no common word). Places keep their tag (成都 is common and still a place).
 */
function ordinaryWordTaggedAsPerson(w: QueryWord): boolean {
  if (/^nrt?$/.test(w.tag) && kindOfPerson(w.word)) return true;
  // A predicate with a complement of degree (多得很, 好极了) that jieba guessed to be a name.
  if (DEGREE_COMPLEMENT.test(w.word)) return true;
  if (/^nr(?:fg)?$/.test(w.tag) && (wordIdf(w.word) ?? Infinity) < COMMON_WORD_IDF) return true;
  if (w.tag !== 'nr') return false;
  const pieces = w.parts.filter((p) => p.length >= 2);
  if ([...w.word].length < 4 || pieces.length < 2 || !pieces.every((p) => (wordIdf(p) ?? Infinity) < COMMON_WORD_IDF)) return false;
  const spans = pieces.map((p) => ({ from: w.word.indexOf(p), to: w.word.indexOf(p) + p.length })).filter((s) => s.from >= 0);
  return [...w.word].every((_, i) => spans.some((s) => s.from <= i && i < s.to));
}

const DEGREE_COMPLEMENT = /得(?:很|多|慌|紧|不得了|要命)$|极了$/;

/** Two places a route joins (中国到老挝的铁路): the route is often named by their short names (中老铁路). */
const routeBetween = (text: string, a: string, b: string) => [`${a}到${b}`, `${a}至${b}`, `${b}到${a}`, `${b}至${a}`].some((r) => text.includes(r));

/**
 * Names the question gives that the coverage never mentions: not as a word, not as a spelling it uses
 * (homophones, the name without 市/区/县, resolved before), not even as one pair of its characters — so
 * a fuller or shorter form of a name the coverage has is never taken for an absent one. No passage can
 * say anything about such a name: the question is not covered, whatever else it shares with a passage.
 */
export function absentNames(q: AnalyzedQuery, c: Pick<SearchComponents, 'lexical' | 'bigrams' | 'lexicon'>): string[] {
  const counted = countedNoun(c.lexicon);
  const text = q.normalized;
  const known = (w: QueryWord) => c.lexical.df(w.word) > 0 || w.aliases.some((a) => c.lexical.df(a) > 0);
  // "成都和重庆合起来…": names joined by 和/与 are asked together, and the coverage may name the pair in
  // one word of their first characters or short names (成渝); when it does, the absence of one of them
  // only lowers the confidence. (潼南和尼日利亚: no such word, 尼日利亚 is absent.)
  const short = (name: string) => [name[0]!, ...c.lexicon.shortNames.filter(([, full]) => name.startsWith(full)).map(([s]) => s)];
  const pairWord = (a: string, b: string) => short(a).some((x) => short(b).some((y) => c.lexical.df(x + y) > 0 || c.lexical.df(y + x) > 0));
  // Written side by side (成都重庆这一片), or as the two ends of a route (中国到老挝铁路), they are a pair as well.
  const joined = (w: QueryWord, o: QueryWord) =>
    (w.group !== undefined && o.group === w.group) || [w.word + o.word, o.word + w.word].some((pair) => text.includes(pair)) || routeBetween(text, w.word, o.word);
  const pairedWithKnown = (w: QueryWord) => q.words.some((o) => o !== w && joined(w, o) && known(o) && pairWord(w.word, o.word));
  // A country the coverage names only in a route or tie with China (中老铁路 for 老挝): named, if shortly.
  const withChina = (w: QueryWord) => c.lexicon.shortNames.some(([s, full]) => full === w.word && c.bigrams.df('中' + s) > 0);
  return q.words
    .filter(
      (w) =>
        NAME_TAG.test(w.tag) &&
        !pairedWithKnown(w) &&
        !withChina(w) &&
        !c.lexicon.regions.includes(w.word) &&
        !c.lexicon.addressTerms.includes(w.word) &&
        // One character and a noun suffix (林子, 厂子, 车子): a common noun jieba may tag as a name.
        !/^[\u3400-\u9fff][子儿头]$/.test(w.word) &&
        !ordinaryWordTaggedAsPerson(w) &&
        !(text.includes(w.word) && counted.test(text.slice(0, text.indexOf(w.word)))) &&
        [...w.word].length >= 2 &&
        [...w.word].every(isCjk) &&
        c.lexical.df(w.word) === 0 &&
        w.aliases.every((a) => c.lexical.df(a) === 0) &&
        // The shortest spelling counts (成都市 → 成都: 都市 is in every 都市报).
        bigramTerms([w.word, ...w.aliases].reduce((a, b) => (b.length < a.length ? b : a))).every((t) => c.bigrams.df(t) === 0) &&
        // Last, as they may load the dictionary: a common word jieba tags as a name (江水 "river water" as a
        // place), or how the asker calls someone (刘老板, 老街坊).
        !c.lexicon.english.isCommonWord(w.word) &&
        !notAName(w, c.lexicon) &&
        !addressOrKin(w.word, c.lexicon),
    )
    .map((w) => w.word);
}

/**
 * The passage writes something else where the question writes `name`, in the same words around it: a
 * string as long, sharing a character in the same place, right before the three characters that follow the
 * name in the question, or right after the three before it (question 老挝木薯淀粉, scanned text 老树木薯淀粉);
 * or right next to a rare word (`anchors`) the question writes within two characters of the name
 * (从老挝拉木薯粉: 木薯 after 老挝, and 老树木薯 in the text).
 * A slip of the scan or of the asker, not a name the coverage lacks: it only lowers the confidence.
 */
export function slipFor(name: string, question: string, passage: string, anchors: readonly string[] = []): boolean {
  const n = name.length;
  const at = question.indexOf(name);
  if (at < 0) return false;
  const similar = (other: string) => other.length === n && other !== name && [...other].every(isCjk) && [...other].some((ch, i) => ch === name[i]);
  const occurrences = (context: string) => {
    const found: number[] = [];
    if (![...context].every(isCjk)) return found;
    for (let i = passage.indexOf(context); i >= 0; i = passage.indexOf(context, i + 1)) found.push(i);
    return found;
  };
  const followedBy = (context: string) => occurrences(context).some((i) => similar(passage.slice(Math.max(0, i - n), i)));
  const precededBy = (context: string) => occurrences(context).some((i) => similar(passage.slice(i + context.length, i + context.length + n)));
  const after = question.slice(at + n, at + n + 3);
  const before = question.slice(Math.max(0, at - 3), at);
  if ((after.length === 3 && followedBy(after)) || (before.length === 3 && precededBy(before))) return true;
  return anchors.some((a) => {
    const from = question.indexOf(a, at + n);
    const to = question.lastIndexOf(a, at - a.length);
    return (from >= 0 && from - (at + n) <= 2 && followedBy(a)) || (to >= 0 && at - (to + a.length) <= 2 && precededBy(a));
  });
}

/**
 * The passage that would answer contradicts the question on something its answer depends on: the
 * question's number or year is not there, the post is another one (副书记 for 书记, 区长 for 区委书记), the
 * direction is the opposite (出口 for 进口), the period, the measure or the public body is a sibling (一季度
 * for 二季度, 收入 for 利润, 人大 for 政协), nothing in or around it names the district asked, or it holds
 * no answer of the asked kind at all (no date anywhere for "when") — and no other of the first passages
 * scoring nearly as well (within `rivalMargin`), naming the question's focus and holding an answer of the
 * asked kind, is free of such a contradiction (that one may be the answer). Evidence, not a low score:
 * such a question is not covered.
 */
export function conflicts(top: Scored[], rivalMargin = DEFAULT_RANKING.rivalMargin): boolean {
  const first = top[0];
  return !!first && contradicts(first.judgement) && rivalOf(top, rivalMargin) === undefined;
}

const contradicts = (j: Scored['judgement']) => j.numberMissing || j.postMismatch || j.opposite || j.periodConflict || j.metricConflict || j.bodyConflict || j.placeAbsent || j.typeAbsent;

/**
 * The first of the passages after the first that may be the answer where the first contradicts the
 * question: free of contradiction, naming what the question asks about (its focus), holding an answer of
 * the asked kind near its best sentence (asked 多少列, a count in 列), scoring nearly as well.
 */
function rivalOf(top: Scored[], rivalMargin: number): number | undefined {
  const first = top[0]!;
  const i = top.slice(1).findIndex((s) => !contradicts(s.judgement) && s.judgement.typeOk && !s.judgement.measureMissing && !s.judgement.focusMissing && s.score >= first.score - rivalMargin);
  return i < 0 ? undefined : i + 1;
}

/**
 * The first passages in the order they are shown: where the first contradicts the question and a rival
 * may be the answer (see `conflicts`), the rival goes first (新泰机械董事长… before the passage that names
 * the company in full but no 董事长).
 */
export function rivalFirst(ranked: Scored[], depth: number, rivalMargin = DEFAULT_RANKING.rivalMargin): Scored[] {
  const first = ranked[0];
  if (!first || !contradicts(first.judgement)) return ranked;
  const rival = rivalOf(ranked.slice(0, depth), rivalMargin);
  return rival === undefined ? ranked : [ranked[rival]!, ...ranked.filter((_, i) => i !== rival)];
}

/**
 * Evidence that a question (or one part of it) cannot be answered, found before any model is asked: the
 * names it gives that the coverage never mentions, or a contradiction in the passage that would answer it.
 * The pipeline and the fit of the decision (src/eval/fit.ts) both go by this one judgement.
 */
export function evidenceAgainst(u: Understood, top: Scored[], ctx: AnswerContext): { absent: string[]; declined: boolean } {
  const absent = u.translated ? (u.absentPlaces ?? []) : withoutScene(withoutSummaries(withoutSlips(absentNames(u.q, ctx), u.q, top, ctx), top), u.q.normalized);
  return { absent, declined: absent.length > 0 || conflicts(top, ctx.ranking.rivalMargin) };
}

/** Words of an asking sentence that point back at a place or someone named before (那边, 他). */
const POINTS_BACK = /那边|那里|那儿|这边|这里|当地|该地|那个地方|[他她它]们?|那家|这家|其/;

/**
 * A sentence that asks nothing, before or after the one that asks, sets the scene (早上在公园打太极，大家都说
 * 空气好。一季度优良天数有好多天？): a name only there is not what the answer depends on — unless the asking
 * sentence points back at it (我在万州上班。那边GDP多少？).
 */
export function withoutScene(absent: string[], question: string): string[] {
  if (absent.length === 0) return absent;
  const sentences = question.split(/(?<=[。！!？?])/).filter((x) => x.trim());
  const asking = sentences.filter((x) => ASKS.test(x) || /[？?]\s*$/.test(x));
  if (asking.length === 0 || asking.length === sentences.length || asking.some((x) => POINTS_BACK.test(x))) return absent;
  return absent.filter((name) => asking.some((x) => x.includes(name)));
}

/**
 * A numeral and a head noun (三城, 两中心) the coverage never writes is the asker's summary of a list when a
 * first passage lists that many things ending in the head in one sentence (…影视城、…汽车城和…示范城).
 */
export function summarisedIn(name: string, passage: string): boolean {
  const m = /^([一二两三四五六七八九十]+)([\u4e00-\u9fff]{1,2})$/.exec(name);
  const n = m ? chineseToNumber(m[1]!) : undefined;
  if (!m || !n || n < 2) return false;
  const item = new RegExp(`[\\u4e00-\\u9fff]${m[2]}(?=[、和与及，,；;。]|$)`, 'g');
  return passage.split(/[。！？；]/).some((sentence) => (sentence.match(item)?.length ?? 0) >= n);
}

function withoutSummaries(absent: string[], top: Scored[]): string[] {
  if (absent.length === 0) return absent;
  const passages = top.slice(0, DECISION_DEPTH).map((s) => s.chunk.text);
  return absent.filter((name) => !passages.some((p) => summarisedIn(name, p)));
}

/** The absent names no first passage writes with a slip (see `slipFor`). */
function withoutSlips(absent: string[], q: AnalyzedQuery, top: Scored[], ctx: AnswerContext): string[] {
  if (absent.length === 0) return absent;
  const passages = top.slice(0, DECISION_DEPTH).map((s) => s.chunk.text);
  // Words of the question as rare in general language as a name, that the coverage writes.
  const anchors = q.words.map((w) => w.word).filter((w) => [...w].length >= 2 && (wordIdf(w) ?? 0) >= COMMON_WORD_IDF && ctx.lexical.df(w) > 0);
  return absent.filter((name) => !passages.some((p) => slipFor(name, q.normalized, p, anchors)));
}

/** Confidence that the first ranked passage answers (0–1), from its signals. */
export function confidence(top: Scored, words: WordStats[], decision: Decision): number {
  return confidenceOf(features({ judgement: top.judgement, retrieval: top.retrieval }, words), decision.weights);
}

/** The Chinese characters of a question part (punctuation and Latin letters do not ask anything). */
const cjkCount = (s: string) => [...s].filter(isCjk).length;

/** A question of several parts ("潼南区委书记是谁？柠檬出口了多少吨？"): each part is ranked and judged alone. */
export function questionParts(question: string): string[] {
  const parts = question
    .split(/(?<=[？?；;])/)
    // "潼南区委书记是哪个，柠檬出口了好多" (or, typed as keywords, "荣昌书记谁 重点项目开工几个"): two asks
    // joined by a comma or a space, each with its own question word.
    .flatMap((p) => {
      const pieces = p.split(/(?<=[，,])|\s+/).filter((x) => x.trim());
      return pieces.length > 1 && pieces.every((x) => ASKS.test(x)) ? pieces : [p];
    })
    .map((p) => p.trim())
    .filter((p) => cjkCount(p) >= 4)
    // A piece that asks nothing ("…多少个？我看到的报道讲的是六月底的情况。") is context for the part before it.
    .reduce<string[]>((out, p) => {
      const asks = ASKS.test(p) || /[？?]$/.test(p);
      if (!asks && out.length) out[out.length - 1] += p;
      else out.push(p);
      return out;
    }, []);
  return (parts.length >= 2 ? parts : [question]).map(withoutLeadIn);
}

/**
 * "江津的土壤90.2%都富硒，那永川的土壤富硒比例是好多？": a statement, then 那/那么 (or "还想问：") and a question of its own —
 * the statement is what the asker knows, the question asks about something else (another place, year or
 * measure), and only the question is asked. A short question ("那永川呢？") needs the statement: kept whole;
 * so does one where 那 points back at what the statement names (那是在哪拍的, 那家集团…: "that", not "then").
 */
function withoutLeadIn(part: string): string {
  // "…，那永川的…是好多？" or "…710亿我晓得了，还想问：利润总额有好多？"
  const m = /^(.*[，,])\s*((?:那么?(?![是个些里儿边时天次位家])|而|可是?|但是?)[^，,]*)$/.exec(part) ?? /^(.*问(?:一下|下)?[：:])\s*([^：:]+)$/.exec(part);
  if (!m || ASKS.test(m[1]!) || !ASKS.test(m[2]!) || cjkCount(m[2]!) < 8) return part;
  return m[2]!;
}

/**
 * A question part that continues the one before: it begins by pointing back at what that part asked for
 * (他, 其, 该…) or starts without a subject (对总书记讲话怎么表态？), is too short to name a subject of its own
 * ("货值多少？"), or follows it after a comma.
 */
export function refersBack(part: string, before = '', words?: Pick<WordStats, 'key'>[]): boolean {
  // Asks joined by a comma are about one subject ("经信委主任是谁，对制造业说了什么").
  if (/[，,]\s*$/.test(before)) return true;
  // A part that names nothing to pin an answer down (no name, number or specific term) asks on about the
  // subject before it (…是多少？去年说是突破了多少。).
  if (words && words.length > 0 && !words.some((w) => w.key)) return true;
  // A time pointing back at the part before may come first ("那天他出席了没得？", "当时她怎么说的？").
  if (/^[\s“"]*(?:那么?|(?:那|这|当)(?:天|时|次|会儿?)[，,]?)?(?:他们?|她们?|它们?|其|此人|这位|那位|该|对|跟|向|给)/.test(part) || cjkCount(part) <= 5) return true;
  // …or names a person only as 他 / 她 after a topic (2月21日那次会他出席了吗？), not in 其他, 他人.
  return /(?<![其吉利])[他她](?![人乡国])/.test(part);
}

/** Passages of several rankings, taken in turn (the best of each part first), each passage once. */
function interleave(lists: Scored[][]): Scored[] {
  const out: Scored[] = [];
  const seen = new Set<number>();
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const l of lists) {
      const s = l[i];
      if (s && !seen.has(s.chunk.id)) {
        seen.add(s.chunk.id);
        out.push(s);
      }
    }
  }
  return out;
}

/** A greeting or thanks and nothing else (hi, 你好, 谢谢): no question, so the usage hint, never a passage. */
const GREETING =
  /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you|你好|您好|大家好|哈喽|嗨|早上好|上午好|下午好|晚上好|在吗|在不在|谢谢|多谢|感谢)(?:\s*(?:there|all|everyone|bot|呀|啊|哈|哦|啦|你|您))*[\s!！.。~～,，?？]*$/i;

export async function answerQuestion(question: string, ctx: AnswerContext, opts: AskOptions): Promise<Answer> {
  const mode = ctx.vectors && ctx.embedder ? 'hybrid' : 'lexical';
  const whole = understand(question, ctx);
  const { q, words, translated } = whole;
  const base = { question: q.original, mode, ...(translated ? { translatedTerms: translated } : {}) } as const;
  const none = (status: 'empty' | 'not-covered', reason: NotAnsweredReason, closest: Scored[] = [], absent: string[] = []): Answer => ({
    ...base,
    answered: false,
    status,
    reason,
    confidence: 0,
    results: [],
    total: 0,
    ...(closest.length ? { closest: closest.slice(0, Math.min(CLOSEST, opts.k)).map((s) => toPassage(s, ctx)) } : {}),
    ...(absent.length ? { absent } : {}),
  });
  if (q.words.length === 0 || GREETING.test(q.normalized.trim())) {
    // Nothing was asked, so nothing was matched: no translated terms to show ("hi" looks up 他).
    const { translatedTerms: _nothingMatched, ...empty } = none('empty', 'empty');
    return empty;
  }
  const decision = translated ? ctx.ranking.decisionEnglish : ctx.ranking.decision;
  let ranked: Scored[];
  let conf: number;
  const absent: string[] = [];
  let declinedByRule = false;
  if (q.foreign && !translated) {
    // A multilingual model: the question is matched across languages by its embedding.
    ranked = await crossLanguage(q, ctx, opts);
    conf = ranked.length ? 1 : 0;
  } else {
    const parts = q.foreign ? [question] : questionParts(q.original);
    const assessed = await Promise.all(
      parts.map(async (part) => {
        const u = part === question ? whole : understand(part, ctx);
        const r = rivalFirst(await rank(u.q, u.words, ctx, opts.times), DECISION_DEPTH, ctx.ranking.rivalMargin);
        const evidence = evidenceAgainst(u, r.slice(0, DECISION_DEPTH), ctx);
        absent.push(...evidence.absent);
        // Judged on the normalised text: a part in traditional characters (對…) points back as 对… does.
        const text = u.q.normalized;
        if (evidence.declined) return { ranked: r, conf: 0, byRule: true, words: u.words, text };
        // The decision goes by the best-supported of the first few passages.
        const confs = r.slice(0, DECISION_DEPTH).map((s) => confidence(s, u.words, decision));
        return { ranked: r, conf: confs.length ? Math.max(...confs) : 0, byRule: false, words: u.words, text };
      }),
    );
    // A part that refers back to the one before ("…书记是谁？他怎么表态的？") asks about its answer: when
    // that part is declined on evidence, so is this one.
    assessed.forEach((a, i) => {
      if (i > 0 && assessed[i - 1]!.byRule && refersBack(a.text, assessed[i - 1]!.text, a.words)) Object.assign(a, { conf: 0, byRule: true });
    });
    ranked = assessed.length === 1 ? assessed[0]!.ranked : interleave(assessed.map((a) => a.ranked));
    // Several parts: as sure as the parts are on average (one unanswered part makes it a caveat).
    conf = assessed.reduce((sum, a) => sum + a.conf, 0) / assessed.length;
    // Every part declined on evidence (an absent name, a contradiction): not covered, whatever the cut-offs.
    declinedByRule = assessed.every((a) => a.byRule);
  }
  const status = ranked.length && !declinedByRule ? statusOf(conf, decision) : 'not-covered';
  if (status === 'not-covered') return { ...none('not-covered', 'not-covered', ranked, absent), confidence: Number(conf.toFixed(4)) };
  const offset = opts.offset ?? 0;
  const results = ranked.slice(offset, offset + opts.k).map((s) => toPassage(s, ctx));
  return { ...base, answered: true, status, confidence: Number(conf.toFixed(4)), results, total: ranked.length };
}
