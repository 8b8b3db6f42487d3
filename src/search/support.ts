// How well does a passage support the question? Measured on the passage itself, so that it holds for
// questions never seen before. Nothing here deletes a passage: these are the signals that rank passages,
// pick the sentence to bold and feed the answer decision (decide.ts).
//   coverage  — weighted share of the question's words in the best sentence; words found only around it
//               (its paragraph, the section heading, the article title) count a little less.
//   bigrams   — share of the question's content bigrams in the passage and its headings (robust to
//               segmentation, typos and abbreviations).
//   key words — names, numbers and specific terms of the question missing around the best sentence.
//   conflicts — the question's year or figure is absent; the passage says the opposite (出口 for 进口);
//               it names another post or a modified one (副书记 for 书记), or another period (一季度 for
//               二季度); the word the question asks about, or a name it gives, is not there.
//   type      — the sentence holds the kind of answer asked for (a date, an amount, a count, a person).
import type { Article, BlockKind, Chunk } from '../corpus/types.js';
import { sentenceSpans, type Span } from '../corpus/sentences.js';
import { bigrams, isCjk } from '../text/chars.js';
import { perLexicon, type Lexicon } from '../text/lexicon.js';
import { normalizeText } from '../text/normalize.js';
import { chineseToNumber } from '../text/numbers.js';
import { bigramTerms, COMMON_WORD_IDF, tagged, terms, wordIdf } from '../text/segment.js';
import { ASKS, PUBLIC_BODY_END, sizeUnitsAsked, SPEECH_VERB, TIME_UNITS, type AnalyzedQuery, type QueryWord } from './query.js';
import { LRUCache } from 'lru-cache';

export interface SupportKnobs {
  /** Credit for a word found only around the sentence (paragraph, heading, title). */
  contextCredit: number;
  /** Credit for a long word found only through its parts (区委书记 via 书记). */
  partsCredit: number;
  /** Sentence choice: bonus for naming the question's focus word. */
  focusBonus: number;
  /** Sentence choice: bonus for holding an answer of the asked type (a date for "when" …). */
  typeBonus: number;
  /** Sentence choice: extra weight of the question words next to the asked-for slot (× closeness). */
  gapGain: number;
  /** A noun at least this informative in general language is a key word. */
  keyIdf: number;
  /**
   * Sentence choice: weight of names (places, people, organisations) relative to other words. The names
   * chose the passage; inside it they mark the sentence introducing the speaker or the topic, while the
   * answer is told by the words of the asked-for slot.
   */
  nameFactor: number;
  /** Sentence choice: weight of the words after the interrogative (the predicate) relative to the rest. */
  predicateFactor: number;
  /**
   * Sentence choice: factor on the score of a scene lead (近日，在…现场，…), which sets the story's scene
   * (tuned: bold on the tune split 0.893 → 0.899 from 0.4 down to 0.2, nothing else changes; 0.4 ships).
   */
  sceneFactor: number;
  /**
   * Sentence choice: weight of a question word written only in a sentence's introduction of its speaker
   * (甲银行行长乙表示，…), when the question asks nothing of who someone is or what anyone said (tuned:
   * bold on the tune split gains 4 at 0.5 and 0.7 alike, 0.3 loses English who-questions; 0.7 ships).
   */
  introFactor: number;
  /**
   * Weight of the coverage's setting (a word in more than half of all passages: 重庆 in Chongqing papers)
   * relative to its general-language weight. Askers write it into fuller names (重庆新泰机械有限责任公司
   * for the text's 新泰机械); a passage leaving it unsaid is not about somewhere else (tuned: three tune
   * questions declined for a missing setting word answer at rank 2 from 0.3 to 0.15, rank 3 at 0.5; one
   * hit@1 lost at each; 0.3 ships).
   */
  settingFactor: number;
}

const NOUNISH = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|eng|j|x)$/;
const PROPER = /^(ns|nr|nt|nz|nrt|nrfg|eng)$/;
const NUMBER = /^\d+(\.\d+)?%?$/;
/** A word this rare in general language is specific whatever jieba tags it (大足 comes out as an adverb). */
const RARE_IDF = COMMON_WORD_IDF;
/** A span of days: 4月22日至24日, 22日—24日, 4月22日到5月1日. */
const DATE_RANGE = /\d{1,2}[日号]?\s*(?:至|到|—|–|-|～|~)\s*(?:\d{1,2}月)?\d{1,2}[日号]/;
// A date: relative words (今年, 去年) do not count, they answer no "when" a passage could be judged by.
const DATE = /\d{1,2}月|\d{1,2}日|\d{4}年|[上中下]旬|年底|年初|月底|月初|季度|上午|下午|当天|\d{4}-\d{2}/;
// For the bold sentence among a passage's own, the year before the article's (该项目于去年…) is its date.
const DATE_OR_YEAR_BEFORE = new RegExp(`${DATE.source}|去年|前年`);
/** Words in quotation marks, a few characters at least (normalised text keeps the curly quotes). */
const QUOTED = /[“"「『][^”"」』]{4,}[”"」』]/;
/** Quoted speech, not a quoted name or slogan (“33618”, “一老一小”): a clause or more inside the marks. */
const SPOKEN = /[“"「『][^”"」』]{12,}[”"」』]/;
/** The phrases a question quotes (“不断创新服务内容”), each as group 1. */
const QUOTED_PHRASES = /[“"「『‘']([^”"」』’']{4,})[”"」』’']/g;
/**
 * A news report's scene lead: a time, then where the reporter stands (近日，在…现场 / 日前，走进位于…的 /
 * 4月20日，位于…的…). It names the subject and the place of the story and answers nothing asked about them.
 */
const SCENE_LEAD = /^\s*(?:近日|日前|近期|连日来|眼下|时下|当下|目前|[昨今]天|昨日|(?:今年|去年)?\d{1,2}月(?:\d{1,2}日|[上中下]旬|初|底)?)[，,]\s*(?:记者)?(?:在|位于|走进|来到|走访)/;
/** A share: a percentage, a fraction (三分之一), or "one in N" (每20颗中即有一颗). */
const PERCENT = /\d[\d.]*\s*%|百分之[\d一二三四五六七八九十]|[\d一二三四五六七八九十]分之[\d一二三四五六七八九十]|每[\d一二三四五六七八九十百千万]+[^，。；]{0,12}?(?:就|即)有一/;
const MONEY_AMOUNT = /\d[\d.,]*\s*(?:多|余)?(?:万|亿|千|百)*元|块钱/;
/** A count as printed: digits, Roman numerals (Ⅱ类) or Chinese numerals. */
// Roman numerals too (水质Ⅱ类): normalisation folds Ⅱ to II and sentences are lower-cased, hence i/v/x.
// Round figures too: 十几个, 几十家, 数十个.
const COUNT = '(?:\\d[\\d.,]*|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|(?<![a-z])[ivx]{1,4}|[数几]?[一二三四五六七八九十百千万两]+几?)';
/** Patterns built from a lexicon, once per lexicon. */
interface LexiconPatterns {
  /** A quantity: a figure in digits with what it counts, or a Chinese numeral with a measure word. */
  quantity: RegExp;
  /** A post followed by a name ("区委书记张智奎"). */
  postAndName: RegExp;
  /** Text ending in a post, or in a post and more titles after 、 ("院长、首席科学家"): a name may follow. */
  postThenTitles: RegExp;
  /** The gazetteer's places (its ns entries: the region's districts and counties). */
  places: readonly string[];
}
/** Titles after a post, each after 、 ("、首席科学家"). */
const TITLES_AFTER = '(?:、[^、，,。；;：:\\s]{1,8}?)*';
/** What joins two things asked together (A和B, A与B, A、B). */
const JOIN = '(?:和|与|及|跟|、)';

/** The question's posts followed by a name, or undefined when it names no post (built once per question). */
const askedPostPatterns = new WeakMap<AnalyzedQuery, RegExp | null>();
function askedPostAndName(q: AnalyzedQuery, lexicon: Lexicon): RegExp | undefined {
  let re = askedPostPatterns.get(q);
  if (re === undefined) {
    const titles = lexicon.posts.filter((p) => q.posts.some((phrase) => phrase.endsWith(p)));
    // Other titles may stand between the post and the name (院长、首席科学家金石), as postThenTitles allows.
    re = titles.length ? new RegExp(`(?:${titles.join('|')})${TITLES_AFTER}[${lexicon.surnames}]`) : null;
    askedPostPatterns.set(q, re);
  }
  return re ?? undefined;
}

/**
 * A match of `postThenSurname` (ending at a surname character) whose name jieba does not read as a common
 * word: "区委书记季度调度" reads 季度, "区委书记高洪波表示" reads a name. Cached per sentence and pattern.
 */
const namedAfterCache = new LRUCache<string, boolean>({ max: 4096 });
function namedAfter(postThenSurname: RegExp, sentence: string): boolean {
  const key = `${postThenSurname.source}\u0000${sentence}`;
  let named = namedAfterCache.get(key);
  if (named === undefined) {
    named = false;
    for (const m of sentence.matchAll(new RegExp(postThenSurname.source, 'g'))) {
      const first = tagged(sentence.slice(m.index + m[0].length - 1, m.index + m[0].length + 3))[0];
      if (!first || first.word.length < 2 || /^nr/.test(first.tag) || wordIdf(first.word) === undefined) {
        named = true;
        break;
      }
    }
    namedAfterCache.set(key, named);
  }
  return named;
}

/** A post, other titles after it, then this person (党组书记、主任王某某). */
const postBeforeCache = perLexicon(() => new LRUCache<string, RegExp>({ max: 256 }));
function postBefore(person: string, lexicon: Lexicon): RegExp {
  const cache = postBeforeCache(lexicon);
  let re = cache.get(person);
  if (!re) cache.set(person, (re = new RegExp(`(?:${lexicon.posts.join('|')})${TITLES_AFTER}${person}`)));
  return re;
}

/** Figures that count nothing: percentages, dates and spans of time (75%—80%, 2024年, 十年前, 3月). */
const NOT_A_COUNT = /[\d.]+\s*%?(?:[—–\-~～至到][\d.]+)?\s*%|\d+\s*(?:年|月|日|号)|[一二三四五六七八九十百千两几]+(?:年|个月|月|日|号)/g;

/** More posts of the same holder after the first ("党委书记、副局长王伟"). */
const postList = (lexicon: Lexicon) => `(?:、[^、，,。；]{0,8}?(?:${lexicon.posts.join('|')}))*`;
export const patterns = perLexicon(
  (lexicon): LexiconPatterns => ({
    quantity: new RegExp(`\\d[\\d.,]*\\s*(?:多|余)?(?:%|[\\u4e00-\\u9fff])|[数几]?[一二三四五六七八九十百千万两]+(?:多|余|几)?(?:${lexicon.measures.join('|')})`),
    // Not a post followed by a preposition or particle ("总书记在…讲话"): names do not start that way.
    // A post, then a name starting with a common surname ("区委书记张智奎"; not "区长双月调度").
    postAndName: new RegExp(`(?:${lexicon.posts.join('|')})${postList(lexicon)}[${lexicon.surnames}][\\u4e00-\\u9fff]{1,2}`),
    postThenTitles: new RegExp(`(?:${lexicon.posts.join('|')})(?:、[^、，,。；;：:\\s]{1,8})*$`),
    places: lexicon.gazetteer.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f[2] === 'ns').map((f) => f[0]!),
  }),
);
const namesIn = new LRUCache<string, { any: boolean; introduced: boolean }>({ max: 4096 });

/** Question words with what the coverage knows about them. */
export interface WordStats extends QueryWord {
  /** Passages containing the word or an alias (0: the coverage never uses it). */
  df: number;
  /** Pins the answer down: a name, a number, a specific term. */
  key: boolean;
  /**
   * In more than half of all passages: the coverage's setting (重庆 in Chongqing papers). A passage that
   * leaves it unsaid is not about somewhere else, so it weighs less (`settingFactor`).
   */
  setting: boolean;
}

/** `docCount`: passages in the coverage (0: unknown, nothing is the setting). */
export function wordStats(q: AnalyzedQuery, df: (term: string) => number, knobs: SupportKnobs, docCount = 0): WordStats[] {
  return q.words.map((w) => {
    const d = Math.max(df(w.word), ...w.aliases.map(df));
    const idf = wordIdf(w.word) ?? 99;
    const key = NUMBER.test(w.word) || PROPER.test(w.tag) || idf >= RARE_IDF || (NOUNISH.test(w.tag) && idf >= knobs.keyIdf);
    const setting = docCount > 0 && d > docCount / 2;
    return { ...w, weight: setting ? w.weight * knobs.settingFactor : w.weight, df: d, key, setting };
  });
}

export interface SentenceSupport extends Span {
  coverage: number;
  /** The question asks who reported: a byline opening the sentence is the answer, bold with it. */
  byline?: boolean;
}

/** The signals of one passage (see the header comment). */
export interface Judgement {
  /** Best sentence (offsets into the article text). */
  best: SentenceSupport;
  /** Coverage by the whole passage. */
  passage: number;
  /** Share of the question's content bigrams in the passage and its headings. */
  bigrams: number;
  /** Key words missing around the best sentence, and their weighted share of the question. */
  missing: string[];
  missingShare: number;
  /** The question's number or year (none of them, when it names several) is absent around the best sentence. */
  numberMissing: boolean;
  /** The passage says the opposite of a question word (出口 for 进口) and never the word itself. */
  opposite: boolean;
  /** The post the question names is not there, or only with a modifier (副书记 for 书记). */
  postMismatch: boolean;
  /** The question's period (二季度, 去年, 二期) is not there, a sibling period is. */
  periodConflict: boolean;
  /** The measure the question asks for (利润) is not there, another one (收入) is. */
  metricConflict: boolean;
  /** The public body the question names (政协) is not there, another one (人大) is; or the company it names is not, another is. */
  bodyConflict: boolean;
  /** The word the question asks about (its focus) is not there. */
  focusMissing: boolean;
  /** A name the question gives (place, person, organisation) is not there. */
  nameMissing: boolean;
  /** A place of the region the question names is nowhere in the passage or around its best sentence. */
  placeAbsent: boolean;
  /** The best sentence (or its paragraph) holds the kind of answer asked for. */
  typeOk: boolean;
  /**
   * Nothing in the whole passage or its paragraphs is an answer of the asked type (no date at all for
   * "when"): stronger than !typeOk, which looks at the best sentence's paragraph only.
   */
  typeAbsent: boolean;
  /** …and a count in the question's own measure word, when it gives one (ranking prefers it). */
  typeExact: boolean;
  /** A count in a measure word was asked (多少辆) and the sentence's paragraph counts none in it. */
  measureMissing: boolean;
}

/** The text writes the word, in its own spelling or one of its aliases. */
export const writes = (w: Pick<QueryWord, 'word' | 'aliases'>, text: string): boolean => text.includes(w.word) || w.aliases.some((a) => text.includes(a));

export function presence(word: QueryWord, text: string, partsCredit: number): number {
  if (writes(word, text)) return 1;
  if (!word.parts.length) return 0;
  return (partsCredit * word.parts.filter((p) => text.includes(p)).length) / word.parts.length;
}

/** Weighted share of words present; of a group ("荣昌和潼南") the best-present member stands for all. */
export function coverage(words: WordStats[], text: string, context: string, knobs: SupportKnobs): number {
  let total = 0;
  let got = 0;
  const groups = new Map<number, { weight: number; got: number }>();
  for (const w of words) {
    const p = Math.max(presence(w, text, knobs.partsCredit), knobs.contextCredit * presence(w, context, knobs.partsCredit));
    if (w.group === undefined) {
      total += w.weight;
      got += w.weight * p;
    } else {
      const g = groups.get(w.group) ?? { weight: 0, got: 0 };
      groups.set(w.group, { weight: Math.max(g.weight, w.weight), got: Math.max(g.got, w.weight * p) });
    }
  }
  for (const g of groups.values()) {
    total += g.weight;
    got += g.got;
  }
  return total === 0 ? 0 : got / total;
}

function missingKeys(words: WordStats[], text: string): string[] {
  const groupHit = new Set<number>();
  const has = (w: WordStats) => writes(w, text);
  for (const w of words) if (w.key && w.group !== undefined && has(w)) groupHit.add(w.group);
  return words.filter((w) => w.key && !has(w) && !(w.group !== undefined && groupHit.has(w.group))).map((w) => w.word);
}

/** A chunk prepared for matching: sentences and contexts normalised once, then cached. */
export interface ChunkView {
  /** `context`: the paragraph and the headings (words count there); `paragraph`: the paragraph alone (answers do). */
  sentences: { start: number; end: number; text: string; context: string; paragraph: string }[];
  text: string;
  /** Headings and title, normalised. */
  headings: string;
  /** Character bigrams of the chunk (skeleton), for near-duplicate tests. */
  bigrams: Set<string>;
  /** Normalised character bigrams of the chunk and its headings, for the bigram signal. */
  searchBigrams: Set<string>;
}

const views = new LRUCache<Chunk, ChunkView>({ max: 4096 });

/** A chunk's kind: its first block's (paragraph, caption or byline). */
export function chunkKind(article: Article, chunk: Chunk): BlockKind | undefined {
  return article.blocks[chunk.block]?.kind;
}

/** The block of the article that contains an offset (its paragraph, or the caption or byline itself). */
function blockAt(article: Article, offset: number): string {
  return article.blocks.find((b) => b.kind !== 'heading' && b.start <= offset && offset < b.end)?.text ?? '';
}

/** A sentence or paragraph opening on what was named before it (该项目…, 上述企业…). */
const POINTS_BACK_AT_START = /^\s*(?:该|上述)(?=[\u4e00-\u9fff])/;

/** A paragraph that goes on with the one before (同时，…; 三是…; 该项目…): it has no subject of its own. */
const CONTINUES = /^\s*(?:同时|此外|另外|与此同时|其次|再次|最后|[二三四五六七八九十]是|第[二三四五六七八九十][，,、]?)/;

/** The paragraph a continuing one goes on with: who speaks, what is listed. */
function paragraphContinued(article: Article, offset: number): string {
  const at = article.blocks.findIndex((b) => b.kind === 'paragraph' && b.start <= offset && offset < b.end);
  return at > 0 && continuesBlockBefore(article, at) ? article.blocks[at - 1]!.text : '';
}

/**
 * Block `at` is a paragraph going on with the paragraph before it, in the same section: it has no subject
 * of its own, or it gives the floor back to the speaker that paragraph introduced (…处长黄星华说…。 / 黄星华
 * 表示，…), by the name alone.
 */
export function continuesBlockBefore(article: Article, at: number): boolean {
  const block = article.blocks[at];
  const before = article.blocks[at - 1];
  if (!block || !before || block.kind !== 'paragraph' || before.kind !== 'paragraph' || before.section !== block.section) return false;
  if (CONTINUES.test(block.text) || POINTS_BACK_AT_START.test(block.text)) return true;
  const speaker = SPEAKER_AGAIN.exec(block.text)?.[1];
  return speaker !== undefined && before.text.includes(speaker);
}

/**
 * Matching text: normalised, lower-cased, and without the circled numbers that mark captions (①璧山：…) —
 * NFKC would make them digits, and a caption's "1璧" would pass for a count.
 */
const CIRCLED = /[\u2460-\u2473\u24ea-\u24ff\u2776-\u2793]/g;
const matchText = (text: string) => normalizeText(text.replace(CIRCLED, ' ')).toLowerCase();

export function chunkView(chunk: Chunk, article: Article): ChunkView {
  let view = views.get(chunk);
  if (view) return view;
  const headings = matchText(`${chunk.section}\n${article.meta.title}`);
  // Context is the sentence's own paragraph (not the whole chunk, which may reach into the paragraph of
  // someone else) plus the headings.
  const paragraphs = new Map<string, string>();
  const paragraphAt = (offset: number) => {
    const para = blockAt(article, offset);
    let p = paragraphs.get(para);
    if (p === undefined) paragraphs.set(para, (p = matchText(para)));
    return p;
  };
  const text = matchText(chunk.text);
  view = {
    sentences: sentenceSpans(article.text, chunk.start, chunk.end).map((s) => ({
      ...s,
      text: matchText(article.text.slice(s.start, s.end)),
      paragraph: paragraphAt(s.start),
      context: `${headings}\n${paragraphAt(s.start)}\n${matchText(paragraphContinued(article, s.start))}`,
    })),
    text,
    headings,
    bigrams: bigrams(chunk.text),
    searchBigrams: new Set(bigramTerms(`${headings}\n${text}`)),
  };
  views.set(chunk, view);
  return view;
}

/**
 * The sentence holds an answer of the asked type: a date, an amount of money, a count, a person. `exact`:
 * a count in the question's own measure word (几天 → 5天); otherwise any quantity answers a count, since
 * the text may count with another measure (多少张票 → 141万人次).
 */
/**
 * A photo credit naming its photographer: "记者 李某 摄", "特约摄影 陈某", "摄影 王某"; or a byline line crediting
 * the pictures too ("…记者 李某 文图", "…记者 李某文 王某图").
 */
const PHOTO_CREDIT = /(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}\s*摄(?![\u4e00-\u9fff])|(?:特约)?摄影(?:记者)?\s*[\u4e00-\u9fff·]{2,4}|^[^。，,！？!?]{0,30}(?:记者|通讯员)\s+[\u4e00-\u9fff·\s]{2,24}图\s*$/;
/** Who took the photo (谁拍的, 哪位记者拍摄, 摄影师是谁), not who is in it. */
const PHOTOGRAPHER = /(?:谁|哪位|什么人|哪个(?:记者|人))[^，,。？?]{0,8}(?:拍|摄)|(?:拍|摄)(?:的|下|了|摄)?[^，,。？?]{0,6}(?:谁|哪位)|摄影师|拍摄者|摄影者|photographer|who (?:took|shot)|photo credit/i;
export const asksPhotographer = (q: AnalyzedQuery): boolean => q.aboutPhoto === true && !!q.answerType.who && PHOTOGRAPHER.test(q.normalized);
/** A byline naming the reporter: "(某某报记者 李某)", "本报记者 李某 王某"; a photo credit (记者 李某 摄) is not one. */
const BYLINE = /(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?![\u4e00-\u9fff·])(?!\s*摄)/;
/** Who wrote the report (哪位记者写的, 作者是谁, 谁采写的), not who took a photo. */
const REPORTER = /记者|作者|采写|撰写|执笔|署名|(?:报道|文章|消息|稿子|新闻)[^，,。？?]{0,4}谁(?:写|报道)|谁写的|reporter|\bwrote\b|byline/i;
/**
 * The question is about who reported (哪位记者写的, 哪家媒体的记者, 曾某是哪里的记者): bylines may answer it. About a
 * photo, only when it asks who (文字和图片是哪位记者): a byline credits the pictures too (…记者 李某文 王某图).
 */
export const aboutReporting = (q: AnalyzedQuery): boolean => (!q.aboutPhoto || !!q.answerType.who) && REPORTER.test(q.normalized);
/**
 * The question asks about a story's headline, deck or series (系列评论的第几篇, 哪个系列, 副标题): a headline with
 * its deck may answer it. Not one naming the series to ask what a story in it says (系列评论之二里…), nor a
 * section's heading (小标题).
 */
const HEADLINE = /第几篇|之几|(?:哪个|哪组|哪一?个|什么|啥)系列|系列(?:名|名称|叫)|副标题|引题|眉题|(?<!小)标题|题目|headline|subtitle|which series|what series/i;
export const aboutHeadline = (q: AnalyzedQuery): boolean => HEADLINE.test(q.normalized);
/** …and asks who, naming no post: a byline opening the sentence is the answer. */
const asksReporter = (q: AnalyzedQuery): boolean => aboutReporting(q) && !!q.answerType.who && !q.posts.length;
/** How often something is done: every period (每季度, 每两个月) or every other one (双月, 隔周). */
const FREQUENCY = /每(?:[一两二三四五六七八九十]|\d+)?个?(?:秒|分钟|小时|天|日|周|星期|旬|月|季度|季|半年|年)|(?:双|隔)(?:月|周)/;
/** An ordinal: 第二, 第2, or a part of a series (系列评论之二, （之三）) ending its line. */
const ORDINAL = /第[一二三四五六七八九十百\d]+|之[二三四五六七八九十]+(?=[）)]|\s|$)/;
/** A pattern per measure-word alternation, built once (holdsAnswer runs for every sentence judged). */
const perMeasure = (build: (measures: string) => RegExp) => {
  const built = new Map<string, RegExp>();
  return (measures: string): RegExp => {
    let re = built.get(measures);
    if (!re) built.set(measures, (re = build(measures)));
    return re;
  };
};
/** Per measure word, the alternation of the words counting the same things (趟 → 列|趟). */
const measureKinOf = perLexicon((lexicon) => new Map(lexicon.measureKin.flatMap((kin) => kin.map((m) => [m, kin.join('|')] as const))));
/** 一 alone (not in 十一, 一百) right before one of these measure words. */
const loneOne = perMeasure((measures) => new RegExp(`(?<![\\d.一二三四五六七八九十百千万两])一(?=${measures})`, 'g'));
/** A figure counted in one of these measure words or units (12家, 5万余亩, 3.7万平方米). */
const figureIn = perMeasure((measures) => new RegExp(`${COUNT}\\s*(?:多|余)?(?:[万亿])?${measures}`));

export function holdsAnswer(q: AnalyzedQuery, sentence: string, lexicon: Lexicon, exact = false): boolean {
  const t = q.answerType;
  if (exact && t.list && !asksAnything(q)) return ENUMERATION.test(sentence);
  if (t.quote) return QUOTED.test(sentence);
  if (t.ordinal && !t.count) return ORDINAL.test(sentence);
  // For ranking and bold, a span of days asked needs a span written (4月22日至24日).
  if (t.when) return exact ? (t.range ? DATE_RANGE : DATE_OR_YEAR_BEFORE).test(sentence) : DATE.test(sentence);
  if (t.rate) return PERCENT.test(sentence);
  // A price compared (比进口的便宜多少, 省多少钱) is answered in per cent as well as in yuan.
  if (t.money) return MONEY_AMOUNT.test(sentence) || (PRICE_COMPARED.test(q.normalized) && PERCENT.test(sentence));
  // For ranking and bold, a lone 一 before the measure is mostly "a" (一列满载…的班列抵达), not a count.
  if (t.measure) {
    // 多久…一次 (how often) is answered by how often, not by a span: 每季度, 双月.
    if (t.measure === TIME_UNITS && FREQUENCY.test(sentence)) return true;
    const kin = measureKinOf(lexicon).get(t.measure) ?? t.measure;
    if (figureIn(kin).test(exact ? sentence.replace(loneOne(kin), '') : sentence)) return true;
    // Leniently, a count in another measure word (3条 for 几台); not a date, a span of years or a percentage.
    return !exact && patterns(lexicon).quantity.test(sentence.replace(NOT_A_COUNT, ''));
  }
  if (t.count) return patterns(lexicon).quantity.test(sentence);
  if (t.post && !t.who) {
    // For ranking and bold, asked the post of a named person, a post must introduce that person.
    return exact && q.postOf ? postBefore(q.postOf, lexicon).test(sentence) : patterns(lexicon).postAndName.test(sentence);
  }
  if (t.who) {
    // Asked who took a photo ("那张照片是谁拍的"): its credit names them (记者 李某 摄).
    if (asksPhotographer(q)) return PHOTO_CREDIT.test(sentence);
    if (asksReporter(q)) return BYLINE.test(sentence);
    // Asked who holds a post: that post followed by a name ("区长是谁" → "区长王某"; "区长双月调度" names nobody).
    const asked = askedPostAndName(q, lexicon);
    // For ranking and bold, the name must not be a common word that starts with a surname (区委书记季度调度).
    if (asked) return exact ? namedAfter(asked, sentence) : asked.test(sentence);
    // A post followed by a name ("区委书记张智奎"), or a name jieba recognises that is not a byline's.
    if (patterns(lexicon).postAndName.test(sentence)) return true;
    let names = namesIn.get(sentence);
    if (names === undefined) {
      const tokens = tagged(sentence);
      const before = (i: number) => tokens.slice(0, i).filter((t) => t.word.trim()).at(-1)?.word ?? '';
      const textBefore = (i: number) => tokens.slice(0, i).map((t) => t.word).join('');
      const found = tokens.flatMap((w, i) => (w.tag === 'nr' && w.word.length >= 2 && !/记者|摄影|通讯员/.test(before(i)) ? [i] : []));
      // Right after a post, or after a post and more titles ("院长、首席科学家金石"); not before one (习近平总书记).
      const introduced = found.some((i) => patterns(lexicon).postThenTitles.test(textBefore(i)));
      names = { any: found.length > 0, introduced };
      namesIn.set(sentence, names);
    }
    // For ranking and bold, only a name a post introduces: news introduces whoever answers with a post,
    // and a name alone (落实习近平总书记嘱托) is more often a person the sentence mentions.
    return exact ? names.introduced : names.any;
  }
  return false;
}

/**
 * The numbers a question states (a year, a figure), as the passages write them: written with digits in
 * the question itself — not a numeral inside a word (千吨级, 百强 normalise to digits too) and not a
 * digit glued to letters (Q1, G20).
 */
function askedNumbers(q: AnalyzedQuery, words: WordStats[]): string[] {
  const written = q.original.normalize('NFKC');
  return words
    .filter((w) => NUMBER.test(w.word))
    .map((w) => w.word)
    .filter((n) => new RegExp(`(?<![\\d.a-z])${n.replace(/[.%]/g, (c) => '\\' + c)}(?![\\d.a-z])`, 'i').test(written));
}

type Estimate = { low: number; high: number; measure?: string } | undefined;
const estimates = new WeakMap<AnalyzedQuery, Map<string, Estimate>>(); // a property of the question, judged per passage

/**
 * A round figure the question gives as an estimate (1800多列, 约200亿元, 近500家) is held by any figure of the
 * text in its range (1804列): "more than" up to the next round step, "about" one step either side, counted in
 * the measure word the question gives after it (1804列, not 1804万). The range of a figure the question states
 * exactly is that figure alone (undefined).
 */
function estimateRange(q: AnalyzedQuery, n: string, lexicon: Lexicon): Estimate {
  let known = estimates.get(q);
  if (!known) estimates.set(q, (known = new Map()));
  if (!known.has(n)) known.set(n, estimateIn(q, n, lexicon));
  return known.get(n);
}

function estimateIn(q: AnalyzedQuery, n: string, lexicon: Lexicon): Estimate {
  const value = Number(n);
  const zeros = /^[1-9]\d*?(0+)$/.exec(n)?.[1]?.length ?? 0;
  if (!Number.isInteger(value) || zeros === 0) return undefined;
  // 约1800列, 1800多列, 1800列左右
  const m = new RegExp(`(近|约|大约|将近|接近|超过|逾|超)?(?<![\\d.])${n}(?![\\d.])(多|余|来|左右|上下|以上)?(.)?(左右|上下|以上)?`).exec(q.normalized);
  if (!m || (!m[1] && !m[2] && !m[4])) return undefined;
  const step = 10 ** zeros;
  const more = /^(?:超过|逾|超)$/.test(m[1] ?? '') || /^(?:多|余|以上)$/.test(m[2] ?? m[4] ?? '');
  const [low, high] = more ? [value, value + step] : [value - step, value + step];
  return { low, high, ...(m[3] && lexicon.measures.includes(m[3]) ? { measure: m[3] } : {}) };
}

/** The text holds the question's number: written as the question writes it, or a figure in its estimate's range. */
function holdsNumber(q: AnalyzedQuery, n: string, text: string, lexicon: Lexicon): boolean {
  if (text.includes(n)) return true;
  // A month asked (3月份) that the text reaches from the month it names (2月…一个月后).
  if (monthsAsked(q).has(n) && monthsCounted(text).has(Number(n))) return true;
  const range = estimateRange(q, n, lexicon);
  if (!range) return false;
  return [...text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)(?:多|余)?(.)?/g)].some((t) => {
    const v = Number(t[1]);
    return v >= range.low && v < range.high && (!range.measure || t[2] === range.measure);
  });
}

/**
 * A year asked that the text holds as the report's own: the year it was published when the text writes no
 * year by number (一季度… in a report of April 2024 is 2024's first quarter), or the year a relative name
 * points to (去年 in a 2025 report is 2024).
 */
export function yearOfReport(n: string, text: string, published: string): boolean {
  const year = publishedYear(published);
  if (!year || !/^(?:19|20)\d{2}$/.test(n)) return false;
  const offset = Number(n) - year;
  if (offset === 0 && !/(?<!\d)\d{4}年/.test(text)) return true;
  return RELATIVE_YEARS.some(([word, o]) => o === offset && text.includes(word));
}

/** The months a question writes by number (3月份 → "3"), found once per question. */
const monthsAskedCache = new WeakMap<AnalyzedQuery, Set<string>>();
function monthsAsked(q: AnalyzedQuery): Set<string> {
  let months = monthsAskedCache.get(q);
  if (!months) monthsAskedCache.set(q, (months = new Set([...q.normalized.matchAll(/(?<![\d.])([\d.]+)月/g)].map((m) => m[1]!))));
  return months;
}

/** Months a text reaches by counting from the last month it names: 2月…一个月后 → 3, 次月 → 3, 两个月后 → 4. */
const MONTHS_LATER = /(?:([一二两三四五六1-6])个?月(?:后|之后|以后)|(次月|下个月|翌月))/g;
const MONTH_NAMED = /(?<![\d.])(1[0-2]|[1-9])月/g;
function monthsCounted(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(MONTHS_LATER)) {
    const named = [...text.slice(0, m.index).matchAll(MONTH_NAMED)].at(-1);
    if (!named) continue;
    const k = m[2] ? 1 : (chineseToNumber(m[1]!) ?? Number(m[1]));
    const month = Number(named[1]) + k;
    if (month <= 12) out.add(month);
  }
  return out;
}

/** A number of the question that is no year and no date (61年的老厂, not 22年): it tells which thing is meant. */
const describes = (q: AnalyzedQuery, n: string): boolean =>
  !/^(?:19|20)\d{2}$/.test(n) && !new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?:[月日号]|年(?!的|前|来|历史))`).test(q.normalized);

/**
 * A number the question writes as part of a day or month (2月21日那次会议): it names the event, which a
 * report dates once, in its lead — not the sentence that answers about it. Not when a date is what is asked.
 */
const datesEvent = (q: AnalyzedQuery, n: string): boolean => !q.answerType.when && NUMBER.test(n) && new RegExp(`(?<![\\d.])${n}[月日号]`).test(q.normalized);

/** An amount as news print it without the currency (突破1200亿, 8万亿级). */
const LARGE_AMOUNT = /\d[\d.,]*\s*(?:多|余)?[万亿]/;
/** A large amount that counts things (6万余平方米, 141万人次) is no amount of money. */
const countedAmount = perLexicon((lexicon) => new RegExp(`^${LARGE_AMOUNT.source}(?:多|余)?(?:${lexicon.measures.filter((m) => m !== '万').join('|')})`));
const LARGE_AMOUNTS = new RegExp(LARGE_AMOUNT.source, 'g');
const largeAmountIn = (text: string, money: boolean, lexicon: Lexicon) =>
  [...text.matchAll(LARGE_AMOUNTS)].some((m) => !money || !countedAmount(lexicon).test(text.slice(m.index)));

/**
 * Asked which films, TV dramas, books or songs (拍过哪些电影): the answer names them in title marks (《…》);
 * a programme may go without (新闻联播).
 */
const WORKS_ASKED = /(?:哪些|哪几部|哪部|哪一部|什么|啥)(?:已经上映的|热播的?|知名的?)?(?:电影|电视剧|影视剧|网剧|剧集|影片|片子|纪录片|书|歌曲?)/;

/**
 * No text holds an answer of the asked kind, judged leniently since it declines: an amount may lack 元,
 * and "who" counts only when a post is asked (a post and a name are told reliably; a bare name, with a
 * rare surname or none jieba knows, is not).
 */
function typeAbsentIn(q: AnalyzedQuery, texts: string[], lexicon: Lexicon): boolean {
  if (WORKS_ASKED.test(q.normalized) && !texts.some((text) => /《[^》]+》/.test(text))) return true;
  const t = q.answerType;
  // A post asked of a named person: the text may give it in a form the list of posts lacks.
  if (!asksAnything(q) || (t.who && q.posts.length === 0) || (t.post && !t.who && !t.when && !t.money && !t.count && !t.quote)) return false;
  // A unit of measurement asked (多少亩): a figure in another unit or a bare count does not answer.
  if (t.unit) {
    const figure = figureIn(t.unit);
    return !texts.some((text) => figure.test(text));
  }
  return !texts.some((text) => holdsAnswer(q, text, lexicon) || (!t.rate && (t.money || t.count) && largeAmountIn(text, t.money, lexicon)));
}

/** A time said without a date: the text tells that it happened lately, not when. */
const VAGUE_TIME = /前不久|不久前|近日|日前|近期|最近|前些天|此前/;

/** Asked when, and the sentence that would answer says only "lately" (前不久，德国总理来重庆…). */
export function onlyVagueTime(q: AnalyzedQuery, sentence: string): boolean {
  return q.answerType.when && VAGUE_TIME.test(sentence) && !DATE.test(sentence);
}

/** An enumeration: two or more items separated by 、 ("茶叶、食用菌"). */
const ENUMERATION = /[\p{L}\p{N}“”"]{2,}、[\p{L}\p{N}“”"]{2,}/u;

/** Where something is or goes: located (位于, 落户), the end of a route (至自贡高速), or a place the question does not name (…工业园, …镇). */
const LOCATED = /位于|坐落|地处|落户|建在|设在|选址/;
const ROUTE_END = /[至到]([\u4e00-\u9fff]{2,3})(?=高速|铁路|公路|城际|班列|航线|高铁|动车)/g;
const PLACE_NAMED = /[\u4e00-\u9fff]{2,6}?(?:工业园|产业园|园区|开发区|高新区|新区|街道|镇|港|机场|县|省)/g;

/** Asked where: the sentence tells a place the question does not already name. */
export function placeTold(q: AnalyzedQuery, sentence: string): boolean {
  if (LOCATED.test(sentence)) return true;
  const fresh = (place: string) => !q.normalized.includes(place);
  return [...sentence.matchAll(ROUTE_END)].some((m) => fresh(m[1]!)) || [...sentence.matchAll(PLACE_NAMED)].some((m) => fresh(m[0]));
}

/** The question asks for an answer of a type holdsAnswer can recognise. */
export const asksAnything = (q: AnalyzedQuery): boolean =>
  q.answerType.when || q.answerType.money || q.answerType.count || q.answerType.who || q.answerType.quote || !!q.answerType.post || !!q.answerType.rate;

/** Words on the same side as `word` (增加 for 增长): they share an opposite. */
const sides = perLexicon((lexicon) => {
  const map = new Map<string, string[]>();
  for (const [a, b] of lexicon.opposites) {
    const mates = lexicon.opposites.filter(([, d]) => d === b).map(([c]) => c);
    map.set(a, [...new Set([...(map.get(a) ?? []), ...mates])]);
  }
  return map;
});
const sameSide = (word: string, lexicon: Lexicon): string[] => sides(lexicon).get(word) ?? [word];

/** The words a question asks in: a question in English, the Chinese words it was translated into (import → 进口). */
const askedIn = (q: AnalyzedQuery): string => (q.foreign ? q.words.map((w) => w.word).join(' ') : q.normalized);

/** Words holding 多/少 that compare nothing (多少了 asks, 不少了 is "plenty"): hidden before 多了/少了 are read. */
const NOT_COMPARED = /多少|不少|至少|差不多|好多|太多|太少/g;

/** The passage tells of the other direction only: an opposite of the asked word, and no word of its side. */
function oppositeIn(q: AnalyzedQuery, text: string, lexicon: Lexicon): boolean {
  const asks = askedIn(q).replace(NOT_COMPARED, '□');
  return lexicon.opposites.some(
    ([asked, other]) => asks.includes(asked) && !asks.includes(other) && text.includes(other) && !sameSide(asked, lexicon).some((w) => text.includes(w)),
  );
}

/** A trip asked from one place to another (从越南开到潼南, 从江津运往老挝): the place it started from. */
const ROUTE_FROM = /从([\u4e00-\u9fff]{2,8}?)(?:开|运|发|出发|驶|飞|拉|送)?(?:到|往|至|去)/;
/** Words that name where a train or goods went (抵达了越南市场, 发往老挝). */
const WENT_TO = '(?:抵达|到达|运抵|开往|发往|运往|驶往|销往|出口到|出口至|运至|运到|送达|送到)了?';
/** Words before the place a question sends something to (发往乙国, 往乙国出口, 运到乙国). */
const SENT_TO = '(?:开往|发往|运往|驶往|销往|出口到|出口至|运至|运到|送到|送往|(?<![来前])往|(?<![方面导走倾意志])向)';

/**
 * The question has a trip start from a place (从越南开到潼南) and the passage has its trip end there
 * (抵达了越南市场), never start there: the journey the other way.
 */
export function routeReversedIn(q: AnalyzedQuery, text: string): boolean {
  // The place may follow its city or district (抵达重庆江津小南坪站 for 从小南坪站).
  const endsIn = (place: string) => new RegExp(WENT_TO + '[\\u4e00-\\u9fff]{0,6}?' + place).test(text);
  const from = ROUTE_FROM.exec(q.normalized)?.[1];
  if (from && endsIn(from) && !text.includes('从' + from)) return true;
  // Asked what went to a place from another the question names (甲县发往乙国), the passage has the trip end
  // in that other place (抵达甲县) and never at the one asked: the trip the other way.
  const places = q.words.filter((w) => w.tag === 'ns').map((w) => w.word);
  const to = places.find((p) => new RegExp(`${SENT_TO}${p}`).test(q.normalized));
  return !!to && !endsIn(to) && places.some((p) => p !== to && endsIn(p));
}

/** Characters after an organisation within which its list of posts may name the one asked for. */
const POST_LIST_WINDOW = 12;

/**
 * The question gives the post and its holder's name ("软件处处长王立刚说…") and the passage writes the same
 * pair, though not around its best sentence (the quotation follows the introduction): the post is the one
 * asked. `passage` has been masked like the rest.
 */
function holderNamedIn(q: AnalyzedQuery, phrase: string, passage: string): boolean {
  const at = q.normalized.indexOf(phrase);
  const name = at < 0 ? '' : q.normalized.slice(at + phrase.length, at + phrase.length + 2);
  return name.length === 2 && [...name].every(isCjk) && passage.includes(phrase + name);
}

/**
 * The question names the post's holder (潘主任, 黄星华处长) and the passage names them without the post
 * ("潘文峰说，…": the quotation follows the introduction in another passage): the article introduces that
 * name with the post asked ("党组书记、主任潘文峰"), without a modifier the question lacks.
 */
function holderIntroducedIn(q: AnalyzedQuery, words: WordStats[], phrase: string, passage: string, article: string, lexicon: Lexicon): boolean {
  const post = lexicon.posts.find((p) => phrase.endsWith(p));
  if (!post || !passage) return false;
  const org = phrase.slice(0, -post.length);
  // The surname before the post: in the phrase (潘主任), or cut off it by jieba (王/处长).
  const at = q.normalized.indexOf(phrase);
  const surname = org.length === 1 ? org : org === '' && at > 0 ? q.normalized[at - 1]! : '';
  // A given name jieba cut from its surname (潘/文锋, with 文峰 its homophone in the coverage) is named whole.
  const surnameBefore = (w: WordStats) => {
    const ch = q.normalized[q.normalized.indexOf(w.word) - 1] ?? '';
    return lexicon.surnames.includes(ch) ? ch : '';
  };
  // 那位处长, 这个主任: the question points at the holder by the post alone — whoever the article introduces.
  const pointedAt = at > 0 && /(?:那|这|该)[位个名]?$/.test(q.normalized.slice(0, at));
  const named = (name: string) =>
    pointedAt ||
    (surname !== '' && lexicon.surnames.includes(surname) && name.startsWith(surname)) ||
    words.some((w) => {
      if (!/^(?:nr|nrfg|nrt|x)$/.test(w.tag) && w.aliases.length === 0) return false;
      const before = surnameBefore(w);
      return [w.word, ...w.aliases].some((a) => [...a].length >= 2 && (a === name || (before !== '' && before + a === name)));
    });
  // 副处长 asked: the article must write the same modifier before the post.
  const asked = lexicon.postModifiers.find((mod) => phrase.endsWith(mod + post));
  for (let at = article.indexOf(post); at >= 0; at = article.indexOf(post, at + 1)) {
    const modifier = lexicon.postModifiers.find((mod) => article.slice(at - mod.length, at) === mod);
    if (modifier !== asked) continue;
    // The post, maybe more titles (院长、首席科学家), then the name: any two or three characters from a
    // surname on (not one after another), before the phrase ends; a title may hold a surname's character
    // too (席 of 首席).
    const intro = /^[^，,。；;：:\s]{0,16}/.exec(article.slice(at + post.length))![0];
    for (let i = 0; i < intro.length; i++) {
      // (Not inside a name: 文 of 潘文峰 is no surname there.)
      if (!lexicon.surnames.includes(intro[i]!) || (i > 0 && lexicon.surnames.includes(intro[i - 1]!))) continue;
      for (const name of [intro.slice(i, i + 2), intro.slice(i, i + 3)]) if (name.length >= 2 && named(name) && passage.includes(name)) return true;
    }
  }
  return false;
}

/** Two posts the question joins by 和 / 与 / 及 / 跟 / 、 within one clause (甲区委书记和乙公司的总经理). Once per question. */
const postsJoinedCache = new WeakMap<AnalyzedQuery, boolean>();
function postsJoined(q: AnalyzedQuery): boolean {
  let joined = postsJoinedCache.get(q);
  if (joined === undefined) {
    joined = q.posts.length >= 2 && q.posts.some((a) => q.posts.some((b) => new RegExp(`${a}${JOIN}[^，,。；;？?！!]{0,12}${b}`).test(q.normalized)));
    postsJoinedCache.set(q, joined);
  }
  return joined;
}

/** `text` has been through maskModifiedPosts: a post still found in it stands without a foreign modifier. */
function postMismatchIn(q: AnalyzedQuery, text: string, lexicon: Lexicon, passage = '', holderIntroduced: (phrase: string) => boolean = () => false): boolean {
  // Holders asked of together (甲区委书记和乙公司总经理都…): a passage may answer for one of them.
  const each = postsJoined(q) ? 'every' : 'some';
  return q.posts[each]((phrase) => {
    if (text.includes(phrase) || holderNamedIn(q, phrase, passage) || holderIntroduced(phrase)) return false;
    // "常委会主任" asked, "常委会党组书记、主任潘文峰" written: the organisation, then its holder's posts.
    const post = lexicon.posts.find((p) => phrase.endsWith(p) && phrase.length > p.length);
    if (!post) return true;
    const org = phrase.slice(0, -post.length);
    // "杜局长": a surname and a post, as people address someone — a deputy too (王局长 for 副局长王伟); the
    // text writes the post, then the full name.
    // The post may be the first of several titles before the name (院长、首席科学家金石 for 金院长).
    if (org.length === 1 && lexicon.surnames.includes(org)) return !new RegExp(`${post}(?:、[^、，,。；;：:\\s]{1,8}?)*${org}`).test(text);
    // 副主任 asked, not written: a modifier is no organisation whose list of posts could name it.
    if (lexicon.postModifiers.includes(org)) return true;
    if (abbreviatedOrgPost(org, post, text, q, lexicon)) return false;
    // The organisation as the question writes it, or with a word of it as the coverage spells it (人民代表大会
    // 常务委员会 asked, 人大常委会 written).
    const orgs = [org, ...q.words.flatMap((w) => (org.includes(w.word) ? w.aliases.map((a) => org.replace(w.word, a)) : []))];
    for (const o of orgs)
      for (let at = text.indexOf(o); at >= 0; at = text.indexOf(o, at + 1)) {
        const list = text.slice(at + o.length, at + o.length + POST_LIST_WINDOW);
        // The mask hid the modified phrase, not the bare post of the list ("…、副主任"): check its modifier here.
        const i = list.indexOf(post);
        if (i >= 0 && !lexicon.postModifiers.some((m) => list.slice(Math.max(0, i - m.length), i) === m && !q.normalized.includes(m + post))) return false;
      }
    return true;
  });
}

/** The characters of `short` appear in `long` in order (城管局 in 城市管理局, 经信委 in 经济和信息化委员会). */
function abbreviates(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * The question names the organisation by its abbreviation (城管局局长), the text in full (城市管理局局长):
 * the post stands right after the shortest stretch holding the abbreviation's characters in order, from
 * its first one, and without a modifier the question lacks. A real full form is much longer than its
 * abbreviation (5 for 3), and no longer than one phrase: 永川区纪委 is not 永川区委 written out, it is
 * another body.
 */
function abbreviatedOrgPost(org: string, post: string, text: string, q: AnalyzedQuery, lexicon: Lexicon): boolean {
  if (org.length < 3) return false;
  for (let at = text.indexOf(post); at >= 0; at = text.indexOf(post, at + 1)) {
    const modifier = lexicon.postModifiers.find((m) => text.slice(Math.max(0, at - m.length), at) === m);
    if (modifier && !q.normalized.includes(modifier + post)) continue;
    const before = text.slice(Math.max(0, at - (modifier?.length ?? 0) - 4 * org.length), at - (modifier?.length ?? 0));
    for (let start = before.lastIndexOf(org[0]!); start >= 0; start = start > 0 ? before.lastIndexOf(org[0]!, start - 1) : -1) {
      const stretch = before.slice(start);
      if (!abbreviates(org, stretch)) continue;
      // Within one phrase, and not much longer than the full forms of abbreviations are (经信委: 9 for 3).
      if (stretch.length >= 1.5 * org.length && stretch.length <= 3 * org.length && !/[，,。；;：:、\s]/.test(stretch)) return true;
      break; // the shortest stretch decides
    }
  }
  return false;
}

/** The question names this period other than as the base of a comparison (比去年多了5天 asks about now). */
const asksPeriod = (question: string, period: string) => question.split(period).slice(0, -1).some((before) => !/(?:比|较|相比|比起)$/.test(before));

function periodConflictIn(q: AnalyzedQuery, text: string, lexicon: Lexicon): boolean {
  return lexicon.periods.some((family) => {
    const asked = family.filter((p) => asksPeriod(askedIn(q), p));
    return asked.length > 0 && !asked.some((p) => text.includes(p)) && family.some((p) => !asked.includes(p) && text.includes(p));
  });
}

/** A price or cost asked relative to another (比较…价格, 便宜多少, 能省多少钱). */
const PRICE_COMPARED = /比较|相比|对比|比价|价格?差|比[^，,。？?]{1,8}(?:便宜|贵|低|高)|便宜|省(?:下|了)?多少/;

/** The year of a publication date (2025-04 → 2025; NaN when none is known). */
const publishedYear = (published: string): number => Number(/^(\d{4})/.exec(published)?.[1]);

/** Years relative to the article's: 今年 is the year it was published. */
const RELATIVE_YEARS: [string, number][] = [['前年', -2], ['去年', -1], ['今年', 0], ['明年', 1], ['后年', 2]];

/**
 * The text, and the relative names of the years it writes by number, as of its publication (2024年 in a
 * 2025 report is 去年): a question asking 去年 is not about another period than the text's 2024.
 */
export function withRelativeYears(text: string, published: string): string {
  const year = publishedYear(published);
  if (!year) return text;
  const names = RELATIVE_YEARS.filter(([, offset]) => text.includes(`${year + offset}年`)).map(([word]) => word);
  return names.length ? `${text}\n${names.join(' ')}` : text;
}

/**
 * Asked about a year by its relative name (今年), the text gives its figure for another year by number
 * (预计到2027年…产值130亿元 in a 2024 article) and never the asked one, by either name.
 */
function yearConflictIn(q: AnalyzedQuery, text: string, published: string): boolean {
  const year = publishedYear(published);
  if (!year) return false;
  const asked = RELATIVE_YEARS.filter(([word]) => asksPeriod(q.normalized, word));
  if (asked.length === 0 || RELATIVE_YEARS.some(([word]) => text.includes(word))) return false;
  const written = [...text.matchAll(/(?<!\d)(\d{4})年/g)].map((m) => Number(m[1]));
  return written.length > 0 && !asked.some(([, offset]) => written.includes(year + offset));
}

/**
 * "多少钱一张", "一斤多少钱": one unit, then its price (not "一共值多少钱": 一共 is no unit); "门票多少钱":
 * a ticket is one unit (门票收入多少钱 is not: the word before the amount is 收入).
 */
const perUnitPrice = perLexicon((lexicon) => {
  const unit = `(?:${[...lexicon.measures, ...PRICE_UNITS].join('|')})`;
  return new RegExp(`(?:多少钱|多少元|几块钱)一${unit}|一${unit}(?:要|得|卖)?(?:多少钱|多少元|几块钱)|票(?:价)?(?:要|得|卖|是)?(?:多少钱|多少元|几块钱)`);
});
/** Units things are priced by that are not counting measure words. */
const PRICE_UNITS = ['斤', '公斤', '晚', '平', '平米', '份', '瓶', '盒', '碗', '杯', '度', '小时'];

/** The slots a question asks to fill ("哪几" once, "是多少…又是多少" twice). */
const SLOT = /哪几|多少|什么|啥|哪|谁|怎么|如何|几(?!乎)/g;

/** Things joined, then asked of each: "A和B分别是多少", "A与B各有几个", "A、B各自…", "A和B都…". */
const RESPECTIVELY = new RegExp(`${JOIN}.*(?:分别|各自|各(?:是|有|为|占|达|增长|多少|几)|都)`);

/**
 * "…是多少，…又是多少", "A和B分别是多少": several things asked, and a passage answering one need not name
 * the other's measure or place.
 */
function asksSeveral(q: AnalyzedQuery): boolean {
  return (q.normalized.match(SLOT)?.length ?? 0) >= 2 || RESPECTIVELY.test(q.normalized);
}

const named = (group: readonly string[], t: string) => group.some((m) => t.includes(m));

/** The question names members of `groups`; the text names none of them but another group's. */
function siblingIn(groups: readonly (readonly string[])[], asked: readonly (readonly string[])[], text: string): boolean {
  return asked.length > 0 && !asked.some((g) => named(g, text)) && groups.some((g) => !asked.includes(g) && named(g, text));
}

/** A clause that asks: it holds a question word (any 几, 好大, a question particle) or ends in a question mark (…利润呢？). */
const ASKING_CLAUSE = new RegExp(`${ASKS.source}|几|好大|呢|吗|[？?]$`);

/**
 * The measures a question asks: those its asking clauses name. A clause that asks nothing tells what the
 * asker knows or leaves out (利润有好多？主营收入那个不算 / 主营收入710亿，那利润呢): its measure is not asked.
 * When the asking clauses name none, the whole question counts.
 */
function measuresAsked(question: string, lexicon: Lexicon): (readonly string[])[] {
  const all = lexicon.metrics.filter((g) => named(g, question));
  const asking = question.split(/(?<=[，,。；;！!？?])/).filter((c) => ASKING_CLAUSE.test(c)).join('');
  const inAsking = all.filter((g) => named(g, asking));
  return inAsking.length ? inAsking : all;
}

function metricConflictIn(q: AnalyzedQuery, text: string, lexicon: Lexicon): boolean {
  // Not askedIn: an English measure translates loosely (R&D investment intensity → 投资 强度, not 研发投入强度).
  const question = q.normalized.toLowerCase(); // passages are matched lower-cased (gdp)
  const price = perUnitPrice(lexicon).test(question) ? lexicon.metrics.find((g) => g.includes('价格')) : undefined;
  const asked = [...measuresAsked(question, lexicon), ...(price ? [price] : [])];
  return siblingIn(lexicon.metrics, asked, text) || modifiedMetricConflict(q, text, lexicon) || derivedOnly(q, text);
}

/** Asked per unit of something (单位重量的功率, 每公斤, 人均): the question itself asks a derived quantity. */
const PER_UNIT = /单位(?:重量|质量|体积|面积|长度)|每(?:一)?(?:公斤|千克|克|吨|平方米|平方公里|立方米|千瓦|升|个人|人)|人均/;
/** Suffixes that make of a quantity another one: its density, intensity, rate or share (功率 → 功率密度). */
const DERIVED = /^(?:密度|强度|率|占比|比重)/;

/**
 * Asked for an amount of something (最大功率是多少千瓦, 人口有多少), the text names it only as part of a
 * quantity derived from it (功率密度, 人口密度): that is another measure.
 */
function derivedOnly(q: AnalyzedQuery, text: string): boolean {
  if (q.answerType.rate || !(q.answerType.count || q.answerType.money) || PER_UNIT.test(q.normalized)) return false;
  return q.words.some((w) => {
    if (!/^(?:n|vn)$/.test(w.tag) || [...w.word].length < 2 || DERIVED.test(q.normalized.slice(q.normalized.indexOf(w.word) + w.word.length))) return false;
    const after = text.split(w.word).slice(1);
    return after.length > 0 && after.every((rest) => DERIVED.test(rest));
  });
}

/** The two-character heads of the metric words (收入, 面积, 投资 …): what a modifier narrows down. */
const metricHeads = perLexicon((lexicon) => [...new Set(lexicon.metrics.flat().filter((m) => m.length === 2 && [...m].every(isCjk)))]);
/** Noun-like words that narrow a metric down (综合/vn 收入, 营业/n 收入); not places, times or verbs. */
const MODIFIER_TAG = /^(?:n|vn|nz|j|l|b|i)$/;

/** Modifiers that only total or date a metric (总面积, 全年收入): they do not say which one. */
const TOTALLING = /^(?:总|全年|年|累计|全|合计)/;

/** An industry (软件业, 旅游业: a word and 业) is the topic the metric is told of, not a kind of that metric. */
const namesIndustry = (word: string): boolean => [...word].length >= 3 && word.endsWith('业') && wordIdf(word.slice(0, -1)) !== undefined;

/** The metrics the question names with a modifier: 旅游综合收入 → 收入 narrowed by 综合. */
const metricsAsked = new WeakMap<AnalyzedQuery, { head: string; modifier: string }[]>(); // judged per passage, found once
const askedMetrics = (q: AnalyzedQuery, lexicon: Lexicon): { head: string; modifier: string }[] => {
  const known = metricsAsked.get(q);
  if (known) return known;
  const tokens = tagged(q.normalized);
  const found = tokens.flatMap((t, i) => {
    const head = metricHeads(lexicon).find((h) => t.word.endsWith(h));
    if (!head) return [];
    // Within the word (占地面积), else the one noun-like word right before it (旅游 综合 收入 → 综合; more
    // words would reach into the topic: 软件 产业 主营 收入).
    const before = tokens[i - 1];
    const modifier = (t.word.slice(0, -head.length) || (before && MODIFIER_TAG.test(before.tag) ? before.word : '')).replace(TOTALLING, '');
    return modifier.length >= 2 && [...modifier].every(isCjk) && !namesIndustry(modifier) ? [{ head, modifier }] : [];
  });
  metricsAsked.set(q, found);
  return found;
};

/**
 * Asked for a metric narrowed by a modifier (旅游综合收入, 占地面积), the text never writes that modifier and
 * gives the same head only narrowed by others (门票收入, 棚拍面积): that is another metric of the same thing.
 */
function modifiedMetricConflict(q: AnalyzedQuery, text: string, lexicon: Lexicon): boolean {
  return askedMetrics(q, lexicon).some(({ head, modifier }) => {
    // The modifier written anywhere (主营业务收入 for 主营收入; 经济圈 naming the topic, not the metric) may be it.
    if (text.includes(modifier)) return false;
    const before = [...text.matchAll(new RegExp(`(.{0,2})${head}`, 'g'))].map((m) => m[1]!);
    // Every mention modified by words of its own: a bare mention, after punctuation, may be the asked one.
    return before.length > 0 && before.every((b) => b.length === 2 && [...b].every(isCjk));
  });
}

/** Asked how much something grew or fell (增长了多少, 增幅多大). */
const GROWTH_ASKED = /(?:增长|增加|提高|提升|上涨|上升|下降|减少|降低|下滑|增速|增幅|涨幅|降幅)(?:了|率|幅度)?(?:是|为|有|达到?)?(?:多少|几|百分之|多快|多大)/;
/** A growth figure: a percentage, or a word of going up or down right before a number (增加2000万元). */
const GROWTH_FIGURE = new RegExp(`${PERCENT.source}|(?:增长|增加|提高|提升|上涨|上升|下降|减少|降低|下滑)了?\\d`);

/**
 * Asked for a rate or a growth of something (门票收入增长了百分之多少 / 增长了多少), the sentence names it,
 * but every such figure it gives comes in a clause before it: news writes a figure after what it measures
 * (购票游客141万人次，增长20.9%，门票收入突破1亿元 gives the visitors' growth), so those figures belong to
 * something else.
 */
export function rateBeforeFocus(q: AnalyzedQuery, sentence: string): boolean {
  const growth = GROWTH_ASKED.test(q.normalized);
  if ((!q.answerType.rate && !growth) || !q.focus) return false;
  const figure = q.answerType.rate ? PERCENT : GROWTH_FIGURE;
  const clauses = sentence.split(/[，,；;：:]/);
  const focusAt = clauses.findIndex((c) => c.includes(q.focus!));
  const rates = clauses.flatMap((c, i) => (figure.test(c) ? [i] : []));
  return focusAt >= 0 && rates.length > 0 && rates.every((i) => i < focusAt);
}

/** A streak asked (连续提升几年): how long it lasted, not by how much. */
const STREAK = /连续[^，,。？?]{0,4}(?:增长|增加|提高|提升|上涨|上升|下降|减少|降低|下滑)/;

/**
 * Asked how much something grew (货值同比增长了多少), the sentence naming it (in any spelling) gives no change at all, nor
 * does anything after it around the answer (货值13.87亿元，发运…): the text tells the amount, not its growth.
 */
export function growthUntold(q: AnalyzedQuery, sentence: string, around: string): boolean {
  if (!GROWTH_ASKED.test(q.normalized) || STREAK.test(q.normalized) || !q.focus || GROWTH_FIGURE.test(sentence)) return false;
  // The focus in any of its spellings (投资 written 投入).
  const focus = q.words.find((w) => w.word === q.focus);
  if (!(focus ? writes(focus, sentence) : sentence.includes(q.focus))) return false;
  const at = around.indexOf(sentence);
  return at >= 0 && !GROWTH_FIGURE.test(around.slice(at + sentence.length));
}

/**
 * An organisation's name ends in a noun (长城汽车, 北京理工大学); a word jieba's dictionary tags as one
 * that ends in a verb (联合开发, 合作开发) is an action.
 */
function headedByNoun(word: string): boolean {
  // A property of a question word, asked again for every passage judged: segmented once.
  let headed = nounHeaded.get(word);
  if (headed === undefined) {
    const head = terms(word).filter((t) => t !== word && [...t].length >= 2 && word.endsWith(t)).at(-1);
    nounHeaded.set(word, (headed = head === undefined || !/^v/.test(tagged(head)[0]?.tag ?? '')));
  }
  return headed;
}
const nounHeaded = new LRUCache<string, boolean>({ max: 4096 });

/** A company as news name it in full (重庆西源凸轮轴有限公司, 庆铃汽车集团). */
const COMPANY = /[\u4e00-\u9fff]{2,12}(?:有限责任公司|有限公司|股份公司|集团|工厂)/;

/**
 * The question names an organisation (长城汽车, which jieba tags nt) that the text around the answer never names,
 * while that text is about a company of its own (重庆西源凸轮轴有限公司): another company's fact.
 */
function otherCompanyIn(words: WordStats[], text: string): boolean {
  const named = (w: WordStats) => writes(w, text);
  // Not a public body (德国政府, 市经信委); of several asked (A和B各自…), one named is enough.
  const asked = words.filter((w) => w.tag === 'nt' && !w.setting && !PUBLIC_BODY_END.test(w.word) && headedByNoun(w.word));
  return asked.length > 0 && !asked.some(named) && COMPANY.test(text);
}

/** Another public body (人大 for 政协): the same kind of event, somewhere else. */
function bodyConflictIn(q: AnalyzedQuery, text: string, lexicon: Lexicon): boolean {
  return siblingIn(lexicon.bodies, lexicon.bodies.filter((g) => named(g, q.normalized)), text);
}

/**
 * The region's places the question asks about: a place is its gazetteer name (江津 for 江津区, or a word
 * spelled after translation from English).
 */
const askedPlaces = (words: WordStats[], places: readonly string[]) => places.filter((p) => words.some((w) => !w.setting && w.word.startsWith(p)));

/**
 * Asked for a post of one district (巴南区委书记), the text holds the post only as another district's
 * (梁平区委书记钱建超): that is another post.
 */
export function postOfOtherPlace(q: AnalyzedQuery, words: WordStats[], text: string, lexicon: Lexicon): boolean {
  const { places } = patterns(lexicon);
  const asked = askedPlaces(words, places);
  if (asked.length === 0 || q.posts.length === 0) return false;
  return q.posts.some((post) => {
    const before = [...text.matchAll(new RegExp(post, 'g'))].map((m) => text.slice(Math.max(0, m.index - 6), m.index).replace(/[区县市]$/, ''));
    return before.length > 0 && before.every((b) => places.some((p) => b.endsWith(p) && !asked.includes(p)));
  });
}

/**
 * Wider scopes than a district, by the words that ask for their totals (the whole city, the region, the
 * nation). Not 重庆 alone: askers name the city as the setting of a district's figure (重庆的新泰机械).
 */
const SCOPES = [/全市|市里|全重庆/, /成渝|双城经济圈|川渝/, /全国/];

/** A district the question points at without naming it (…的区，, 那个区, 该区). */
const A_DISTRICT = /的区(?=[，,。？?\s]|$)|(?:那个|这个|该)区(?![\u4e00-\u9fff]*[区县])/;

/**
 * Asked a figure of a wider scope (2022年成渝地区双城经济圈的生产总值, 全市…) and no district, the sentence
 * that gives one is a district's (2022年永川GDP突破1200亿, 江津班列开行…): it names a district, never that scope.
 * (A question asking which district, 哪…, is answered by one.)
 */
export function districtFigureIn(q: AnalyzedQuery, words: WordStats[], sentence: string, lexicon: Lexicon): boolean {
  const t = q.answerType;
  // Asked which district, or of a district described rather than named (自称全市工业大区的区): a district answers.
  if (!(t.count || t.money || t.rate) || q.normalized.includes('哪') || A_DISTRICT.test(q.normalized)) return false;
  const { places } = patterns(lexicon);
  // A district named in any spelling (容昌 for 荣昌) is named.
  if (places.some((p) => q.normalized.includes(p) || words.some((w) => w.aliases.some((a) => a.startsWith(p))))) return false;
  const scopes = SCOPES.filter((s) => s.test(q.normalized));
  return scopes.length > 0 && places.some((p) => sentence.includes(p)) && !scopes.some((s) => s.test(sentence));
}

/**
 * The question asks about a place of the region (大足) and the passage — all of it, the paragraph of its
 * best sentence, the section heading and the article title — never names it: the passage tells of another
 * place (铜梁区已建成…) or of the region at large (成渝地区常住人口…), not of the one asked.
 */
function placeAbsentIn(asked: readonly string[], text: string): boolean {
  return asked.length > 0 && !asked.some((p) => text.includes(p));
}

/** The sentence names another place of the region (永川区…) and not the one asked (璧山): its figure is another place's. */
function placeSwappedIn(asked: readonly string[], places: readonly string[], sentence: string): boolean {
  return placeAbsentIn(asked, sentence) && places.some((p) => !asked.includes(p) && sentence.includes(p));
}

/** Which comes first (排第一, 第一位的是, 头一位, 排头, 首位), and a sentence telling it (之首, 居首, 首先, 一是). */
const FIRST_ASKED = /排(?:在)?(?:第一|头一|首位|最前)|第一(?:位|条|项|个)?(?:的)?是|头一(?:位|条|项|个)|排头|首位|之首|居首|打头/;
const FIRST_TOLD = /之首|居首|首位|位居第一|排名第一|排在第一|首先|^[^，,。]{0,12}一是/;

/**
 * A sentence pointing back at a thing the passage names, by a demonstrative and the name's head noun
 * ("…民主生活会…。…此次会议准备充分", "…长租公寓项目…。该项目…"), speaks of it as if it named it.
 */
export function pointsBackTo(word: string, sentence: string, passage: string): boolean {
  const chars = [...word];
  if (chars.length < 3 || !chars.every(isCjk) || !passage.includes(word) || sentence.includes(word)) return false;
  let pattern = backReferences.get(word);
  if (!pattern) {
    const head = chars.slice(-2).join('');
    const last = chars[chars.length - 1]!;
    backReferences.set(word, (pattern = new RegExp(`(?:此次|这次|本次|该|此|这个|这一)(?:${head}|${last}议)`)));
  }
  return pattern.test(sentence);
}
const backReferences = new LRUCache<string, RegExp>({ max: 4096 });

/** The words of a question in English whose translation the dictionary tags a verb (chaired → 主持). */
const verbsOf = new WeakMap<AnalyzedQuery, Set<string>>(); // a sentence is picked per passage judged, tagged once
function translatedVerbs(q: AnalyzedQuery): Set<string> {
  let verbs = verbsOf.get(q);
  if (!verbs) verbsOf.set(q, (verbs = new Set(q.words.filter((w) => /^v/.test(tagged(w.word)[0]?.tag ?? '')).map((w) => w.word))));
  return verbs;
}

/**
 * The sentence to bold: the one holding most of the question's words, each weighted by how informative it
 * is in general (IDF, verbs counted fully: the predicate often tells the answering sentence from the
 * introduction) and by how few of the passage's sentences share it (a word in every sentence cannot tell
 * them apart), and more for the words next to the asked-for slot; then the focus word and an answer of the asked type (a date for "when" …) add a bonus.
 * The answer is often a sentence that refers back with 该/其 and does not repeat the topic.
 */
export function pickSentence(q: AnalyzedQuery, words: WordStats[], sentences: { text: string; paragraph?: string; section?: string }[], lexicon: Lexicon, knobs: SupportKnobs): number {
  const n = sentences.length;
  const has = writes;
  // What the passage names, for sentences that point back at it (此次会议 after 民主生活会).
  const named = sentences.map((s) => s.text).join('');
  // The speaker of reported words counts for every sentence of the paragraph that introduces them.
  // A section named by quoting its heading ("“不断创新服务内容”那一节…"): the quoted words hold for every
  // sentence under that heading; they tell which section, not which sentence.
  const quoted = [...q.normalized.matchAll(QUOTED_PHRASES)].map((m) => m[1]!);
  const namesSection = (w: WordStats, s: { section?: string }) => s.section !== undefined && quoted.some((p) => p.includes(w.word)) && has(w, s.section);
  // The event's date, in a passage holding it, holds for every sentence of the passage.
  const dated = new Set(words.filter((w) => datesEvent(q, w.word) && sentences.some((s) => has(w, s.text))));
  const holds = (w: WordStats, s: { text: string; paragraph?: string; section?: string }) =>
    has(w, s.text) || (!!w.speaker && s.paragraph !== undefined && has(w, s.paragraph)) || namesSection(w, s) || dated.has(w) || pointsBackTo(w.word, s.text, named);
  // A word jieba does not know, of two or three characters led by a common surname, is mostly a person's
  // name (吴涛): weighed as one.
  const personLike = (w: WordStats) => w.tag === 'x' && w.word.length <= 3 && w.word.length >= 2 && lexicon.surnames.includes(w.word[0]!) && [...w.word].every(isCjk);
  // Asked what someone said, the verb of saying (说, 表示) only frames the question: every sentence of
  // reported words has one, the answering quotation often none.
  const framed = words.some((w) => w.speaker);
  const weights = words.map((w) => {
    if (framed && SPEECH_VERB.test(w.word)) return 0;
    const inSentences = sentences.filter((s) => has(w, s.text)).length;
    const name = (PROPER.test(w.tag) || personLike(w)) && !NUMBER.test(w.word) ? knobs.nameFactor : 1;
    const predicate = w.afterGap ? knobs.predicateFactor : 1;
    return name * predicate * Math.max(1, wordIdf(w.word) ?? 10) * Math.log(1 + n / Math.max(1, inSentences)) * (1 + knobs.gapGain * (w.nearGap ?? 0));
  });
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const wantsType = asksAnything(q) || !!q.answerType.list;
  // Asked what a named speaker said ("吴涛说要把…当成啥"), without asking a date or a figure: their quoted words answer.
  const wantsWords = !asksAnything(q) && !q.answerType.where && words.some((w) => w.speaker);
  // Asked which comes first of a list (排第一的是什么): the sentence that says which does (…之首, 首先).
  const wantsFirst = FIRST_ASKED.test(q.normalized);
  // The focus word counts where it is written, or, naming the speaker, anywhere in the paragraph.
  const focusWord = words.find((w) => w.word === q.focus && w.speaker);
  // …or as an alias (投资 written within 固投).
  // (A one-character focus, 人 or 事, is written inside too many words to tell a sentence.)
  const focus = words.find((w) => w.word === q.focus && [...w.word].length > 1);
  const holdsFocusHere = (s: { text: string; paragraph?: string }) => (focusWord ? holds(focusWord, s) : !!focus && has(focus, s.text));
  // …or, in a sentence going on about the subject of the one before ("该项目位于…公寓…。项目预计10月完工。"), there.
  const holdsFocus = (s: { text: string; paragraph?: string }, i: number) => holdsFocusHere(s) || (i > 0 && holdsFocusHere(sentences[i - 1]!) && sameSubject(sentences[i - 1]!.text, s.text));
  // Asked what a named person said: when some sentence's paragraph names them, sentences of paragraphs that
  // do not are someone else's words (他表示… of the previous speaker, in the same passage).
  const askedSpeakers = words.filter((w) => w.speaker);
  const speakers = askedSpeakers.filter((w) => /^(?:nr|nrfg|nrt)$/.test(w.tag) || personLike(w));
  const bySpeaker = (s: { paragraph?: string }) => s.paragraph !== undefined && speakers.some((w) => has(w, s.paragraph!));
  const someBySpeaker = speakers.length > 0 && sentences.some(bySpeaker);
  // Asked who took a photo: its credit answers, however many words the caption before it shares with the question.
  if (asksPhotographer(q)) {
    const credit = sentences.findIndex((s) => PHOTO_CREDIT.test(s.text));
    if (credit >= 0) return credit;
  }
  if (asksReporter(q)) {
    const byline = sentences.findIndex((s) => BYLINE.test(s.text));
    if (byline >= 0) return byline;
  }
  // Asked a physical size (多大, 多长): a figure in its units is specific; the one sentence of the passage
  // that writes one answers, whatever words it shares with the question (总的棚拍面积3.7万平方米 for 摄影棚多大).
  const units = sizeUnitsAsked(q.answerType);
  if (units) {
    const figure = figureIn(units);
    const sized = sentences.flatMap((s, i) => (figure.test(s.text) ? [i] : []));
    if (sized.length === 1) return sized[0]!;
  }
  // A sentence introducing a speaker ("甲银行行长乙表示，…") names them; question words only in that
  // introduction tell who speaks, not what it answers — unless the question asks who someone is, what post
  // they hold or what anyone said.
  const speaksAsked = wantsWords || words.some((w) => w.speaker) || !!q.answerType.who || !!q.answerType.post || !!q.answerType.quote;
  const intro = (text: string) => (speaksAsked ? undefined : SPEAKER_INTRO.exec(text)?.[1]);
  const matchedIn = sentences.map((s) => {
    const lead = intro(s.text);
    const rest = lead === undefined ? s.text : s.text.slice(lead.length);
    return words.reduce((sum, w, k) => sum + (holds(w, s) ? weights[k]! * (lead !== undefined && !has(w, rest) && has(w, lead) ? knobs.introFactor : 1) : 0), 0) / total;
  });
  // Asked what a named speaker said, a sentence introducing someone else (甲总书记…强调，“…”) holds that one's words.
  const othersWords = (text: string) => {
    const lead = q.answerType.quote && askedSpeakers.length ? SPEAKER_INTRO.exec(text)?.[1] : undefined;
    return lead !== undefined && !askedSpeakers.some((w) => has(w, lead));
  };
  const answersType = sentences.map((s) => (wantsType && holdsAnswer(q, s.text, lexicon, true) && !othersWords(s.text)) || (!!q.answerType.where && placeTold(q, s.text)));
  // Asked who did something (是谁主持的): the sentence naming a person by post with that verb (区委书记某某主持会议)
  // answers, however many of the question's other words the sentence before it repeats.
  // (A question in English has no slot: its verbs, as the dictionary tags their translations, tell.)
  const actsAsked = q.answerType.who ? words.filter((w) => (q.foreign ? translatedVerbs(q).has(w.word) : w.afterGap && /^v/.test(w.tag))) : [];
  const actorActs = sentences.map((s) => actsAsked.some((w) => has(w, s.text)) && patterns(lexicon).postAndName.test(s.text));
  // Asked which comes first (排第一的是什么): the one sentence telling what heads the list it shares words
  // with (…为“六大”战略重点之首) answers, however many more of the question's words the introduction repeats.
  if (wantsFirst) {
    const first = sentences.flatMap((s, i) => (FIRST_TOLD.test(s.text) && matchedIn[i]! > 0 && (!someBySpeaker || bySpeaker(s)) ? [i] : []));
    if (first.length === 1) return first[0]!;
  }
  let bestIdx = 0;
  let bestScore = -Infinity;
  sentences.forEach((s, i) => {
    if (someBySpeaker && !bySpeaker(s)) return;
    // Asked when: a sentence going on about this one's subject ("…班列抵达…站。这批货物是…首次…") says more
    // of the same event; the words it shares with the question count here too, where its date is.
    const next = sentences[i + 1];
    const goesOn = q.answerType.when && answersType[i] && next !== undefined && !answersType[i + 1] && sameSubject(s.text, next.text);
    const matched = goesOn ? Math.max(matchedIn[i]!, matchedIn[i + 1]!) : matchedIn[i]!;
    const score =
      (SCENE_LEAD.test(s.text) ? knobs.sceneFactor : 1) *
      (matched +
        (holdsFocus(s, i) ? knobs.focusBonus : 0) +
        (matched > 0 && (answersType[i] || (wantsWords && SPOKEN.test(s.text)) || (wantsFirst && FIRST_TOLD.test(s.text))) ? knobs.typeBonus : 0) +
        (actorActs[i] ? knobs.typeBonus : 0));
    if (score > bestScore) [bestIdx, bestScore] = [i, score];
  });
  return bestIdx;
}

/**
 * The sentence goes on about the subject of the sentence before: it opens with a demonstrative (该/此/其/这个…,
 * not 此外/其中) or with the noun the sentence before pointed at with one ("该项目位于…。项目预计…").
 */
export function sameSubject(before: string, sentence: string): boolean {
  if (/^(?:该|此(?![外前后次])|其(?![中他次余实])|这(?:个|一|些|家|座|条|所|批|项|里))/.test(sentence)) return true;
  const lead = /^[\u4e00-\u9fff]{2}/.exec(sentence)?.[0];
  return lead !== undefined && new RegExp(`(?:该|此|这一?)${lead}`).test(before);
}

/** Verbs of reported speech after the speaker's name ("潘文峰说，…", "黄星华表示，…"). */
const SAYS = '(?:说|表示|指出|强调|认为|坦言|介绍|谈到)';
/** A paragraph opening with a name and a verb of speech ("黄星华表示，"): who speaks, named alone. */
const SPEAKER_AGAIN = new RegExp(`^\\s*([\\u4e00-\\u9fff]{2,3})${SAYS}[，,：:]`);
/** A sentence's opening that introduces a speaker, up to the verb of speech ("甲银行行长乙表示，"). */
const SPEAKER_INTRO = new RegExp(`^([^，,。“”"]{2,40}?${SAYS})[，,：:]`);

/**
 * Asked what a named speaker said ("潘主任怎么评价…", "黄星华说…要怎么推进"), without asking a date or a
 * figure: the passage gives their words — their name (or the surname the question gives) followed by a
 * verb of speech. The passage that only introduces them does not.
 */
function speakerSpeaksIn(q: AnalyzedQuery, words: WordStats[], text: string, lexicon: Lexicon): boolean {
  if (asksAnything(q) || q.answerType.list) return false;
  const names = words
    .filter((w) => w.speaker && (/^(?:nr|nrfg|nrt|x)$/.test(w.tag) || w.aliases.length > 0))
    .flatMap((w) => [w.word, ...w.aliases])
    .filter((n) => [...n].every(isCjk) && lexicon.surnames.includes(n[0]!));
  // A surname alone (潘 of 潘主任) stands for the name it begins.
  return names.some((n) => new RegExp(`${n}${n.length === 1 ? '[\\u4e00-\\u9fff]{1,2}' : ''}${SAYS}`).test(text));
}

/** "这句话", "此番话": the sentence points at a quotation next to it. */
const POINTS_AT_WORDS = /[这此那](?:一?句|番|些)?话|如下|[:：]$/;
/** A short sentence that only says who spoke ("处长王某难掩激动地表示。"): the quotation is the one before. */
const ATTRIBUTION_ONLY = /^[^，,；;：:“”"]{2,30}(?:表示|说|讲|指出|强调|坦言|感慨|感叹)[。！!]?$/;

/**
 * Asked for someone's words (哪句话, 说了什么), the sentence chosen may be the one that introduces them
 * ("…表示：") or refers back to them ("…说的这句话，始终萦绕在脑海里") while the quotation itself is the
 * sentence after or before: that one is shown bold with it.
 */
function quotedNeighbour(q: AnalyzedQuery, sentences: { start: number; end: number; text: string }[], i: number): { start: number; end: number } | undefined {
  const s = sentences[i];
  const attribution = !!s && ATTRIBUTION_ONLY.test(s.text.trim());
  if (!q.answerType.quote || !s || QUOTED.test(s.text) || !(attribution || POINTS_AT_WORDS.test(s.text.trim()))) return undefined;
  const [before, after] = [sentences[i - 1], sentences[i + 1]];
  // The quotation an attribution closes may span sentences: its last one ends with the closing mark.
  if (attribution) return before && /[”"」』]\s*$/.test(before.text) ? before : undefined;
  const backwards = !/[:：]$/.test(s.text.trim()) && !/如下/.test(s.text);
  const order = backwards ? [before, after] : [after, before];
  return order.find((n) => n && QUOTED.test(n.text));
}

/**
 * The text with the question's posts hidden where a modifier the question lacks comes first: asked for the
 * 书记, a sentence naming only a 总书记 or a 副书记 does not hold the word. For matching only (lengths change).
 */
function maskModifiedPosts(text: string, q: AnalyzedQuery, lexicon: Lexicon): string {
  let out = text;
  for (const post of q.posts) {
    for (const m of lexicon.postModifiers) {
      if (!q.normalized.includes(m + post) && out.includes(m + post)) out = out.split(m + post).join(m + '□');
    }
  }
  return out;
}

export function judge(q: AnalyzedQuery, words: WordStats[], chunk: Chunk, article: Article, lexicon: Lexicon, knobs: SupportKnobs): Judgement {
  const raw = chunkView(chunk, article);
  const mask = (t: string) => maskModifiedPosts(t, q, lexicon);
  const view = q.posts.length
    ? { ...raw, text: mask(raw.text), sentences: raw.sentences.map((s) => ({ ...s, text: mask(s.text), context: mask(s.context), paragraph: mask(s.paragraph) })) }
    : raw;
  const section = matchText(chunk.section);
  const scored = view.sentences.map((s) => ({ start: s.start, end: s.end, coverage: coverage(words, s.text, s.context, knobs), text: s.text, context: s.context, paragraph: s.paragraph, section }));
  const fallback = { start: chunk.start, end: chunk.end, coverage: 0, text: view.text, context: view.text, paragraph: view.text };
  const topIdx = scored.length ? pickSentence(q, words, scored, lexicon, knobs) : -1;
  const top = topIdx >= 0 ? scored[topIdx]! : fallback;
  const span = quotedNeighbour(q, scored, topIdx) ?? top;
  const best = scored.reduce((a, b) => (b.coverage > a.coverage ? b : a), top);
  const around = `${top.text}\n${top.context}`;
  const missing = missingKeys(words, around);
  const total = words.reduce((s, w) => s + w.weight, 0) || 1;
  const qBigrams = [...new Set(q.bigramTerms)];
  const asked = askedNumbers(q, words);
  // Several things asked (A和B分别…): a passage answering one need not name the other's measure or place.
  const several = asksSeveral(q);
  // The region's places the question asks about, for both place checks.
  const regionPlaces = patterns(lexicon).places;
  const placesAsked = askedPlaces(words, regionPlaces);
  // An answer is in the sentence or the rest of its paragraph that the passage shows, never in a heading
  // ("三个作用" in a title counts nothing) nor in the part of the paragraph another passage holds.
  const shownParagraph = scored.filter((s) => s.paragraph === top.paragraph).map((s) => s.text).join('');
  const typeExact =
    ((asksAnything(q) || !!q.answerType.list) && (holdsAnswer(q, top.text, lexicon, true) || holdsAnswer(q, shownParagraph, lexicon, true))) ||
    speakerSpeaksIn(q, words, view.text, lexicon);
  return {
    best: { start: Math.min(top.start, span.start), end: Math.max(top.end, span.end), coverage: best.coverage, ...(asksReporter(q) ? { byline: true } : {}) },
    passage: coverage(words, view.text, top.context, knobs),
    bigrams: qBigrams.length ? qBigrams.filter((b) => view.searchBigrams.has(b)).length / qBigrams.length : 0,
    missing,
    missingShare: words.filter((w) => missing.includes(w.word)).reduce((s, w) => s + w.weight, 0) / total,
    // None of the question's numbers is there (a question naming 2022 and 2024 asks two things).
    // An event's date counts anywhere in the passage (its lead dates it); other numbers around the answer.
    // A number that is no year and no date describes what is asked about ("61年的老厂" for ‘61岁’的企业):
    // it counts anywhere in the article.
    numberMissing: asked.length > 0 && asked.every((n) => !holdsNumber(q, n, datesEvent(q, n) ? view.text : describes(q, n) ? article.text : around, lexicon) && !yearOfReport(n, around, article.meta.date)),
    opposite: oppositeIn(q, around, lexicon) || routeReversedIn(q, around),
    // (The holder may be named in the paragraph before a quotation that is a passage of its own.)
    postMismatch: postMismatchIn(q, around, lexicon, view.text, (phrase) => holderIntroducedIn(q, words, phrase, `${view.text}\n${around}`, article.text, lexicon)) || postOfOtherPlace(q, words, around, lexicon),
    periodConflict: periodConflictIn(q, withRelativeYears(around, article.meta.date), lexicon) || yearConflictIn(q, around, article.meta.date),
    focusMissing: words.some((w) => w.word === q.focus && presence(w, around, knobs.partsCredit) < 0.5),
    nameMissing: words.some((w) => PROPER.test(w.tag) && !NUMBER.test(w.word) && !w.setting && presence(w, around, knobs.partsCredit) < 0.5),
    metricConflict: !several && (metricConflictIn(q, around, lexicon) || rateBeforeFocus(q, top.text) || growthUntold(q, top.text, around)),
    bodyConflict: bodyConflictIn(q, around, lexicon) || otherCompanyIn(words, around),
    placeAbsent: (!several && placeAbsentIn(placesAsked, `${around}\n${view.text}`)) || districtFigureIn(q, words, POINTS_BACK_AT_START.test(top.text) ? around : top.text, lexicon) || placeSwappedIn(placesAsked, regionPlaces, top.text),
    typeOk: !asksAnything(q) || holdsAnswer(q, top.text, lexicon) || holdsAnswer(q, top.paragraph, lexicon),
    typeAbsent: typeAbsentIn(q, [view.text, ...new Set(view.sentences.map((s) => s.paragraph))], lexicon) || onlyVagueTime(q, top.text),
    typeExact,
    measureMissing: !!q.answerType.measure && !typeExact,
  };
}
