// A user's question → what retrieval and the answer checks need: normalised text, word and bigram search
// terms, the content words weighted by how much each matters, the kind of answer wanted and the words
// that pin the answer down (names, numbers, years). All word lists come from the lexicon passed in.
import { isCjk } from '../text/chars.js';
import { perLexicon, type Lexicon } from '../text/lexicon.js';
import { normalizeText } from '../text/normalize.js';
import { RARE_WORD_IDF, bigramTerms, cutForSearch, tagged, terms, wordIdf } from '../text/segment.js';

export interface QueryWord {
  word: string;
  /** Part of speech from jieba (n, ns, nr, v, m …). */
  tag: string;
  /** Importance for judging an answer (general-language IDF; filler words are left out). */
  weight: number;
  /** Shorter words inside a long one (区委书记 → 区委, 书记), for partial matches. */
  parts: string[];
  /** Other spellings that count as the word: a homophone the coverage uses, the name without 市/区/县. */
  aliases: string[];
  /** Words joined by 和/与/及/、 ("荣昌和潼南") share a group: a passage needs only one of them. */
  group?: number;
  /**
   * Closeness to the asked-for slot (1: next to the interrogative, falling with each content word in
   * between; 0 without one). The answering sentence tends to hold the words around the gap, the topic
   * words stand in the sentence that introduces it.
   */
  nearGap?: number;
  /**
   * After the first interrogative: the predicate of "topic + 什么时候/多少/哪些 + predicate" ("…什么时候完工",
   * "…出口到哪些国家"), which the answering sentence says, while the topic is named where it is introduced.
   */
  afterGap?: boolean;
  /**
   * Names the speaker of reported words ("金石说研究院接下来打算怎么做": 金石 and what precedes 说): the
   * speaker is introduced once, and the quotation that answers may stand in another sentence of the
   * paragraph ("金石说，…。“接下来，我们将…”").
   */
  speaker?: boolean;
}

/** What kind of answer the question wants, so the sentence that holds one can be told apart. */
export interface AnswerType {
  /** A date or time: 哪天, 什么时候, 几月几号 … */
  when: boolean;
  /** An amount of money: 多少钱, 租金, 价格 … */
  money: boolean;
  /** A count or a quantity: 多少, 几, 多大 … */
  count: boolean;
  /**
   * The measure word of a "how many" question: 多少辆 → 辆, 几家 → 家; for "how big / long / heavy" the
   * units of that dimension, as a pattern (多大 → 平方米|亩|…).
   */
  measure?: string;
  /**
   * When the measure asked is a unit of measurement (多少亩, 几吨): the units of its dimension, as a
   * pattern; only a figure in one of them answers. A classifier (家, 个) has none: the text may count the
   * same things with another.
   */
  unit?: string;
  /** A span of days asked (几号到几号, 哪几天): a date range answers ("4月22日至24日"). */
  range?: boolean;
  /** Which one of a series or a ranking (第几篇, 排第几): an ordinal answers (第二, 之二), not a count. */
  ordinal?: boolean;
  /** A person: 谁, 哪位 … */
  who: boolean;
  /** Someone's words: 哪句话, 说了什么 … */
  quote: boolean;
  /** A rate or a share (增速, 占比, 合格率多少): a percentage answers. */
  rate?: boolean;
  /** A place: 哪里, 在哪, 哪座城市, 哪个园区 … */
  where?: boolean;
  /** Which post someone holds: 什么职务, 担任什么 … (a post followed by a name answers). */
  post?: boolean;
  /**
   * Which ones (哪些, 哪几): an enumeration answers. Only the bold sentence and the ranking prefer one; an
   * answer may also list in prose, so no decision rests on it.
   */
  list?: boolean;
}

export interface AnalyzedQuery {
  /** What the user typed, trimmed. */
  original: string;
  /** HTML removed, full-width folded, simplified, numbers in digits: what is embedded and matched. */
  normalized: string;
  /** BM25 terms over words (jieba search mode, filler words removed). */
  searchTerms: string[];
  /** BM25 terms over character bigrams of the content (filler words removed). */
  bigramTerms: string[];
  /** Content words of the question (jieba precise mode). */
  words: QueryWord[];
  answerType: AnswerType;
  /** The question asks about a photo (照片里…): captions answer it. */
  aboutPhoto: boolean;
  /** The word the question asks about ("永川区委书记是谁" → 区委书记): the answering sentence names it. */
  focus?: string;
  /** Asked what post this named person holds (王某某担任什么职务): a post must introduce them. */
  postOf?: string;
  /** No Chinese characters at all: a cross-language question. */
  foreign: boolean;
  /** Posts the question names, with the noun before a bare title ("党工委" + "书记"). */
  posts: string[];
}

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;

export function normalizeQuery(text: string): string {
  const plain = text
    .replace(/<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ') // code, not words of the question
    .replace(/<\/?[a-z][^<>]*>/gi, ' ') // HTML tags are formatting, not words
    .replace(/&(?:amp|lt|gt|quot|nbsp|#\d+);/g, ' ')
    // Pasted text carries invisible characters (zero-width spaces, direction marks) and terminals send
    // escape sequences: inside a word they would split it (永川\u200b区).
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\t\n\r\f\v]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '');
  return normalizeText(plain).replace(/\s+/g, ' ').trim();
}

/** Nouns, names and numbers carry what a question is about; verbs and adverbs are phrased freely. */
const TOPICAL = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|eng|j|x|m)$/;
const PHRASING_FACTOR = 0.5;
const NUMBER = /^\d+(\.\d+)?%?$/;
/** A year or a number in a question pins the answer down more than any word. */
const NUMBER_WEIGHT = 6;

/** 几类, 多少家, 哪几座, 有几 (jieba's unknown-word model glues these): they ask, they do not describe. */
// (几十秒, 几百吨: asked in round figures, the measure still tells what is counted.)
const quantityQuestion = perLexicon((lexicon) => new RegExp(`^(?:各?有|占|第)?(?:几[十百千万]?|多少|多大|哪几|哪一?)(?:${lexicon.measures.join('|')})?$`));
const asksQuantity = (word: string, lexicon: Lexicon): boolean => quantityQuestion(lexicon).test(word);
/** A question word: the lexicon's, or one asking a quantity or a choice by a measure word (几条, 哪条, 哪一项). */
const isInterrogative = (word: string, lexicon: Lexicon): boolean => lexicon.interrogatives.has(word) || asksQuantity(word, lexicon);

/** A demonstrative and a measure word (那张, 这次, 那家): it points at the thing, it does not name it. */
const pointer = perLexicon((lexicon) => new RegExp(`^[这那该此]一?(?:${lexicon.measures.join('|')}|个|些|样|块|扇|根|片|回)$`));
const pointsAt = (word: string, lexicon: Lexicon): boolean => pointer(lexicon).test(word);

/** A single noun character weighs what its general-Chinese IDF has above this (tuned: 3, 4, 5, 7 swept on tune; 4 best). */
const RARE_CHAR_IDF = 4;
/** Administrative levels, written after a place's name (永川区, 江津区). */
const ADMIN_LEVELS = '省市区县镇乡村';
const ADMIN_LEVEL = new RegExp(`^[${ADMIN_LEVELS}]$`);

/** General-language informativeness; rare words and words missing from jieba's table (names, jargon) count alike. */
export function weightOf(word: string, tag: string, lexicon: Lexicon): number {
  if (lexicon.filler.has(word) || PUNCT_OR_SPACE.test(word) || asksQuantity(word, lexicon) || pointsAt(word, lexicon)) return 0;
  if (NUMBER.test(word)) return NUMBER_WEIGHT;
  // Single characters rarely carry meaning alone; a rare noun does (硒, 鹅: a general-Chinese IDF far above 人,
  // 钱), not an administrative level (市, 区: the place it follows is the name).
  if (word.length === 1 && isCjk(word) && !/^(nr|ns|nt|nz)$/.test(tag)) {
    return tag === 'n' && !ADMIN_LEVEL.test(word) ? Math.max(0.5, (wordIdf(word) ?? 0) - RARE_CHAR_IDF) : 0.5;
  }
  const w = Math.max(1, wordIdf(word) ?? RARE_WORD_IDF);
  return TOPICAL.test(tag) ? w : w * PHRASING_FACTOR;
}

/** A question word: the piece of a question asks something. */
export const ASKS = /谁|什么|啥|哪|多少|几[个家项条天月号年时]|怎么|咋|如何|好多|何时/;

const RANGE = /(?:几[号日月]|哪天|哪一天)[\u4e00-\u9fff]{0,2}?(?:到|至)(?:几[号日月]|哪天|哪一天)|哪几天|从哪天|几天到几天/;
const WHEN = /哪天|哪几天|哪一天|什么时候|啥时候|几月|几号|何时|哪年|哪一年|什么日子|什么时间|时间是|日期|when\b|what (?:date|day|year|month)/i;
const MONEY = /多少钱|几块钱|价格|价钱|票价|租金|房租|费用|收费|工资|薪资|月薪|年薪|多少(?:万|亿|万亿)?元|几(?:万|亿)元|多少个亿|售价|单价|余额|贷款|存款|利润|税收|投资额|总投资|营收|产值|货值|总值|总价值|how much money|\bprice|\bcost|\brent\b/i;
// 哪几座 asks which ones (a list of names), not how many; 那几个 points at some, it asks nothing.
const COUNT = /多少|(?<![哪那这第])几[^乎]|多大|多高|多长|多远|多久|多重|多快|百分之几|比例|占比|how (?:many|much|large|big|long|far)|what (?:share|percentage|proportion)/i;
const WHO = /谁|哪位|哪个人|什么人|哪[个家](?:[^，,。？?]{1,4}的)?(?:领导|负责人|主要负责人)|什么领导|叫什么|叫啥|什么名字|姓什么|姓名|\bwho\b|\bwhom\b/i;
/** Which ones: the answer is an enumeration (茶叶、食用菌、名优水果). */
const LIST = /哪些|哪几|哪样|有什么|有啥|都有|包括什么|what are|which (?:\w+ )?(?:are|were|have)/i;
/** A place: 哪里, 在哪, 修到哪, 哪座城市, 哪个园区 (the bold sentence tells one the question does not name). */
const WHERE = /哪里|哪儿|什么地方|啥地方|在哪(?![个些位年天])|[到去往至]哪|哪(?:一)?(?:个|座|片|所)?(?:城市|地方|园区|工业园|产业园|街道|乡镇|镇|村|县|省|国家)|\bwhere\b/i;
const RATE = /[增涨降]速|增长率|增幅|涨幅|降幅|比重|占比|比例|百分比|百分之(?:几|多少)|[\u4e00-\u9fff](?<![功频汇])率(?:是|为|有|达到?|现在|目前|大概|能达到)?(?:多少|几|多高)|what (?:share|percentage|proportion)|growth rate/i;
const POST_ASKED = /(?:什么|啥|哪个|哪些|哪几个)(?:职务|职位|头衔)|(?:职务|职位|头衔)(?:是|为)(?:什么|啥)|什么官|何职|担任(?:什么|哪些|哪几)|任什么职|什么身份|(?:what|which) (?:position|post|title|office)/i;
/** Verbs reporting someone's words (说, 表示, 指出 …). */
export const SPEECH_VERB = /^(?:说|讲|表示|指出|强调|提到|谈到|认为|称|介绍|透露|坦言|形容|描述|评价|看待)$/;
const LIKENING = /^(?:比作|比喻|比喻成|比成|形容)$/;
/** How someone sees a thing (怎么定位, 如何理解): asked after 怎么 / 如何, their words answer, as after 说. */
const VIEWING = /^(?:定位|理解|解读|概括)$/;
const HOW = /^(?:怎么|怎样|如何|咋|咋个)$/;
// A likening asked (把A比作什么) is asked of someone's words too.
const QUOTE = /哪句(?:[^？?，,。]{0,8}的)?话|句(?:什么|啥)|[那这]句话(?:到底|究竟)?是(?:什么|啥)|什么话|说了(?:些|点)?什么|说了(?:些|点)?啥|原话|怎么说的|比作|比喻[成为]?|比成|形容[成为]|what did .+ say/i;
/** Words that lead a clause of purpose (来推动…, 以促进…, 用来…). */
const PURPOSE = new Set(['来', '以', '用来', '用以', '以便', '借以']);
/** Between 的 and the interrogative of "…的是谁", "…的人是谁", "…的是哪家企业": the one asked for. */
const RELATIVE_HEAD = new Set(['是', '有', '人', '都', '分别', '又', '就', '到底', '究竟']);
const COORDINATOR = new Set(['和', '与', '及', '、', '跟', '同', '以及', 'and']);
/** Administrative suffixes: "永川区" and "永川" name the same place. */
const ADMIN_SUFFIX = new RegExp(`^(.{2,})[${ADMIN_LEVELS}街道]$`);
/** A small count of the items of a list (三个, 3项): the text may write the number either way and count with 大, 项 or 类 (3大产业). */
const LIST_COUNTERS = ['个', '大', '项', '类'];
const LIST_COUNT = new RegExp(`^([两二三四五六七八九十]|[2-9]|10)[${LIST_COUNTERS.join('')}]$`);
const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function listCountAliases(word: string): string[] {
  const m = LIST_COUNT.exec(word);
  if (!m) return [];
  const n = m[1] === '两' ? 2 : /\d/.test(m[1]!) ? Number(m[1]) : CHINESE_DIGITS.indexOf(m[1]!);
  return [String(n), CHINESE_DIGITS[n]!, ...(n === 2 ? ['两'] : [])].flatMap((d) => LIST_COUNTERS.map((c) => d + c)).filter((a) => a !== word);
}

/**
 * Other spellings of a measure (生产总值 → 地区生产总值, GDP; 营收 → 营业收入): a sentence writing one holds the
 * word. Not a member inside another (收入, 利润): that is the family's general head, not a spelling.
 */
const metricSpellings = perLexicon((lexicon) => {
  const map = new Map<string, string[]>();
  for (const family of lexicon.metrics) {
    const spellings = family.filter((m) => !family.some((o) => o !== m && o.includes(m)));
    for (const m of family) map.set(m, spellings.filter((o) => o !== m && !o.includes(m)));
  }
  return map;
});

const NOUNISH = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|j|eng)$/;
const COMPARISON = /^(?:同比|环比)$/;
// Words jieba does not know (tag x) are mostly names and nouns.
const nounish = (t: { word: string; tag: string }) => NOUNISH.test(t.tag) || (t.tag === 'x' && t.word.length > 1 && [...t.word].every(isCjk));

/**
 * The noun the question asks about: the content noun nearest to the interrogative, before it first
 * ("区委书记是谁"), else after it ("哪家车企"); a content word of any kind when there is no noun.
 */
function focusOf(tokens: { word: string; tag: string }[], content: Set<string>, lexicon: Lexicon): string | undefined {
  let at = tokens.findIndex((t) => isInterrogative(t.word, lexicon));
  // Keywords typed apart ("荣昌 长租公寓 停车位") narrow down left to right: the last one is what is asked.
  if (at < 0 && tokens.some((t) => t.word === '')) at = tokens.length; // spaces, trimmed to ""
  if (at < 0) return undefined;
  // "哪所学校", "哪家车企": the noun after 哪 and its measure word is what is asked, wherever others stand
  // (not after 哪位: that asks for a person, whom the noun after only describes — 哪位领导).
  if (tokens[at]?.word.startsWith('哪') && !/^哪位/.test(tokens[at]!.word + (tokens[at + 1]?.word ?? ''))) {
    const from = tokens.findIndex((t, i) => i > at && i <= at + 2 && content.has(t.word) && t.word.length > 1); // past 所, 家
    // The head of the noun phrase: its last noun (哪些无人机企业 asks for 企业).
    let head: string | undefined;
    for (const t of from > 0 ? tokens.slice(from, from + 3) : []) {
      if (!content.has(t.word)) break;
      if (nounish(t) && t.tag !== 'vn' && t.word.length > 1) head = t.word; // 车企投资: 投资 is the verb
    }
    if (head) return head;
  }
  // "用的是什么新的通关运输模式": the noun phrase right after 什么 (its adjectives and 的 aside) names what is
  // asked; its last noun is the head.
  if (tokens[at]?.word === '什么' || tokens[at]?.word === '啥') {
    let head: string | undefined;
    for (const t of tokens.slice(at + 1, at + 6)) {
      if (t.word === '的' || (t.tag === 'a' && content.has(t.word))) continue;
      if (!content.has(t.word)) break;
      if (nounish(t) && t.tag !== 'vn' && t.word.length > 1) head = t.word;
    }
    if (head) return head;
  }
  // "多少产值", "多少技改资金": a noun right after 多少 (no measure word between) is the quantity asked.
  if (tokens[at]?.word === '多少') {
    let head: string | undefined;
    for (const t of tokens.slice(at + 1, at + 4)) {
      if (!content.has(t.word) || !/^(n|nz|j)$/.test(t.tag) || t.word.length < 2) break;
      head = t.word;
    }
    if (head) return head;
  }
  const order = [...tokens.keys()].filter((i) => i !== at).sort((a, b) => (a < at ? at - a : a - at + 100) - (b < at ? at - b : b - at + 100));
  // 同比, 环比 compare; they are not what is asked about (门票收入同比增长了多少 asks about 门票收入).
  const pick = (ok: (t: { word: string; tag: string }) => boolean) => order.map((i) => tokens[i]!).find((t) => content.has(t.word) && !COMPARISON.test(t.word) && ok(t))?.word;
  return pick(nounish) ?? pick(() => true);
}

/** How a public body's name ends (市政府, 发改委, 财政局, 办公厅 …). */
export const PUBLIC_BODY_END = /(?:政府|委员会|委|局|厅|部|院|会|办|署|处)$/;
const ORG_PIECE = /^(?:n|vn|nt|nz|j|zg|ng)$/;

/** Words asking which holder of the post that follows (哪位副主任, 哪一位局长). */
const WHICH_HOLDER = /^(?:哪位|哪一位|哪名|哪一名|哪个|哪一个)$/;

/** Someone's words (总书记那句话, 总书记的重要讲话). */
const WORDS_OF = /^(?:话|的话|那句话|这句话|讲话|重要讲话|嘱托|指示|批示|号召)$/;

/** Verbs that say what a post is or who holds it (书记是谁, 担任主任): after them the post is asked. */
const HOLDING = /^(?:是|为|叫|姓|担任|当|任|由)$/;

/**
 * The question's post phrases: the word holding a post title, with the noun before it when the title stands alone.
 * Asked who someone is or what post they hold, a post that does something in the question (总书记视察重庆时…,
 * 把总书记讲的…) sets the scene; the one asked is another: it is not among them.
 */
function postPhrases(tokens: { word: string; tag: string }[], lexicon: Lexicon, asksHolder: boolean): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (!lexicon.posts.some((p) => t.word.endsWith(p)) || lexicon.anyPosts.some((p) => t.word.endsWith(p))) return;
    const next = tokens[i + 1];
    // A post the question asks which holder of (哪位副主任在…写下) is the one asked, whatever it does.
    const which = WHICH_HOLDER.test(tokens[i - 1]?.word ?? '');
    if (asksHolder && !which && next && /^v/.test(next.tag) && !HOLDING.test(next.word)) return;
    // …or whose words are what the question is about (写下总书记那句话的领导是谁).
    const after = next?.word === '的' ? tokens[i + 2] : next;
    if (asksHolder && !which && after && WORDS_OF.test(after.word)) return;
    // …or does it somewhere (总书记在重庆考察): the first verb after 在 tells (区委书记在2023年是谁 asks the post).
    if (asksHolder && !which && next?.word === '在') {
      const verb = tokens.slice(i + 2, i + 6).find((x) => /^v/.test(x.tag));
      if (verb && !HOLDING.test(verb.word)) return;
    }
    const prev = tokens[i - 1];
    if (!lexicon.posts.includes(t.word) || !prev) {
      // A compound post (党组书记) after the organisation that holds it (生态环境局): one post, of that body.
      // Not a modified post joined above (副书记): that keeps to the post as asked. The body may be joined
      // by 的 (生态环境局的党组书记).
      const compound = !lexicon.posts.includes(t.word) && !lexicon.postModifiers.some((m) => t.word.startsWith(m));
      const body = prev?.word === '的' ? tokens[i - 2] : prev;
      out.push(body?.tag === 'nt' && compound ? body.word + t.word : t.word);
    } else if (prev.word.length === 1 && PUBLIC_BODY_END.test(prev.word)) {
      // An organisation jieba cut into pieces (发展/改革/委 主任): back to the first noun-like piece, but not
      // the place before it (重庆市, 永川区): the text may name the body without it.
      let from = i - 1;
      const piece = (x: { word: string; tag: string }) => ORG_PIECE.test(x.tag) && !/^[省市区县]$/.test(x.word);
      while (from > 0 && from > i - 5 && piece(tokens[from - 1]!)) from--;
      out.push(tokens.slice(from, i + 1).map((x) => x.word).join(''));
    } else {
      // "杜金融局长": a lone surname before the noun makes it a given name (a typo of one), not a body.
      const before = tokens[i - 2];
      const givenName = !!before && before.word.length === 1 && /^nr/.test(before.tag) && lexicon.surnames.includes(before.word);
      out.push(/^(n|nt|nz|ns|j)/.test(prev.tag) && !givenName ? prev.word + t.word : t.word);
    }
  });
  return out;
}

/** jieba cuts 副书记 into 副/书记: a modified post is one word, or the question would ask for the plain post. */
function joinModifiedPosts(tokens: { word: string; tag: string }[], lexicon: Lexicon): { word: string; tag: string }[] {
  const out: { word: string; tag: string }[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && lexicon.postModifiers.includes(prev.word) && lexicon.posts.some((p) => t.word.startsWith(p))) {
      out[out.length - 1] = { word: prev.word + t.word, tag: t.tag };
    } else out.push(t);
  }
  return out;
}

/**
 * "有多大面积": jieba reads 多 / 大面积 ("a large area"), the asker wrote 多大 / 面积 ("how large an area").
 * After 多, a word starting with the adjective of a dimension (大, 长, 高, 远, 宽, 深, 重) gives it back.
 */
function splitHowAdjective(tokens: { word: string; tag: string }[]): { word: string; tag: string }[] {
  const out: { word: string; tag: string }[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev?.word === '多' && /^[大长高远宽深重]./.test(t.word)) {
      out[out.length - 1] = { word: '多' + t.word[0], tag: 'm' };
      out.push({ word: t.word.slice(1), tag: 'n' });
    } else out.push(t);
  }
  return out;
}

/**
 * "当好哪些方面的先行区", "在哪些地方": jieba glues the interrogative to the noun after it (哪些方面/z), which then
 * neither asks nor names anything the text writes. Split back when the rest is a word of the dictionary.
 */
function splitGluedInterrogative(tokens: { word: string; tag: string }[], lexicon: Lexicon): { word: string; tag: string }[] {
  return tokens.flatMap((t) => {
    if (lexicon.interrogatives.has(t.word)) return [t];
    const head = /^(?:哪些|什么|多少)/.exec(t.word)?.[0];
    const rest = head ? t.word.slice(head.length) : '';
    return head && [...rest].length >= 2 && wordIdf(rest) !== undefined ? [{ word: head, tag: 'r' }, { word: rest, tag: 'n' }] : [t];
  });
}

/**
 * "那列拉木薯的班列": after a demonstrative or a numeral, jieba may glue the measure word to what follows
 * into a word its dictionary holds but general text never uses (列拉, read as a foreign name). Split back:
 * the measure word, then the rest as jieba reads it alone.
 */
function splitGluedMeasure(tokens: { word: string; tag: string }[], lexicon: Lexicon): { word: string; tag: string }[] {
  return tokens.flatMap((t, i) => {
    const before = tokens[i - 1]?.word ?? '';
    const head = t.word[0] ?? '';
    const rest = t.word.slice(1);
    if (!/^(?:那|这|哪|每|该|此|一|两|几|\d+)$/.test(before) || !lexicon.measures.includes(head) || !rest || wordIdf(t.word) !== undefined || ![...t.word].every(isCjk)) return [t];
    return [{ word: head, tag: 'q' }, ...tagged(rest).map((x) => ({ word: x.word, tag: x.tag }))];
  });
}

/**
 * "要做好几篇文章？": jieba reads 做 / 好几篇 ("quite a few"), the asker wrote 做好 / 几篇 ("how many to do
 * well"). In a question nothing else asks in, a one-character verb before 好几+measure takes the 好 back.
 */
function splitResultativeHao(tokens: { word: string; tag: string }[], lexicon: Lexicon): { word: string; tag: string }[] {
  const at = tokens.findIndex((t, i) => i > 0 && /^好几/.test(t.word) && asksQuantity(t.word.slice(1), lexicon) && /^v/.test(tokens[i - 1]!.tag) && tokens[i - 1]!.word.length === 1);
  if (at < 0 || tokens.some((t, i) => i !== at && isInterrogative(t.word, lexicon))) return tokens;
  const verb = tokens[at - 1]!;
  return [...tokens.slice(0, at - 1), { word: verb.word + '好', tag: 'v' }, { word: tokens[at]!.word.slice(1), tag: 'm' }, ...tokens.slice(at + 1)];
}

/** Units of time, which answer 多久 counted (3个月, 两年). */
export const TIME_UNITS = '(?:秒|分钟|小时|天|日|周|个月|月|个季度|季度|年)';

/** "How big / long / heavy / long a time": the units that answer each (多大比例, 多大作用 ask no size). */
const DIMENSIONS: [RegExp, string][] = [
  // 多大 before a noun names what is measured (多大功率, 多大比例, 多大作用): a size only before 面积, a
  // particle (好大嘛) or nothing.
  [/多大(?!的?(?![嘛啊呀呢哦吗哈嘞噻哟喃])[\u4e00-\u9fff])|多大的?面积|面积多少|占地多少/, '(?:平方米|平米|平方公里|平方千米|亩|公顷|㎡)'],
  [/多高|多长(?!时间)|多远|多宽|多深|多少公里|多少米/, '(?:米|公里|千米|厘米|毫米)'],
  [/多重|多少斤|多少公斤/, '(?:吨|公斤|千克|斤|克)'],
  [/多久|多长时间|多少时间/, TIME_UNITS],
];

/** The dimensions of physical units (area, length, weight); time is not one (多久 is answered by a date too). */
const UNIT_DIMENSIONS = DIMENSIONS.slice(0, 3).map(([, units]) => units);

/** The units of a physical size asked (多大, 多长, 多少亩 …), if one is. */
export const sizeUnitsAsked = (t: AnswerType): string | undefined => t.unit ?? UNIT_DIMENSIONS.find((units) => units === t.measure);

/** The clauses of a question that ask (hold a question word), or the whole question when none does. */
function askingClauses(text: string): string {
  const clauses = text.split(/[，,；;。]/).filter((c) => ASKS.test(c));
  return clauses.length ? clauses.join('，') : text;
}

function answerTypeOf(text: string, lexicon: Lexicon): AnswerType {
  const asked = new RegExp(`(?<![哪第])(?:多少|几[十百千万]?)(${lexicon.measures.join('|')})`).exec(text)?.[1];
  const measure = asked ?? DIMENSIONS.find(([q]) => q.test(text))?.[1];
  const unit = asked && UNIT_DIMENSIONS.find((units) => new RegExp(`^${units}$`).test(asked));
  return {
    when: WHEN.test(text),
    // A money word in a clause that asks nothing ("开了个小店想贷款，…算啥子地位") sets the scene.
    money: MONEY.test(askingClauses(text)),
    count: COUNT.test(text),
    who: WHO.test(text),
    quote: QUOTE.test(text),
    list: LIST.test(text),
    ...(RATE.test(text) ? { rate: true } : {}),
    ...(WHERE.test(text) ? { where: true } : {}),
    ...(POST_ASKED.test(text) ? { post: true } : {}),
    ...(measure ? { measure } : {}),
    ...(unit ? { unit } : {}),
    ...(RANGE.test(text) ? { range: true } : {}),
    ...(/第几/.test(text) ? { ordinal: true } : {}),
  };
}

/** Regional question words in their standard form (啥子 → 什么; 好多钱 → 多少钱 when nothing else asks). */
export function standardQuestionWords(text: string, lexicon: Lexicon): string {
  let out = text;
  for (const [regional, standard] of lexicon.dialect.always) out = out.split(regional).join(standard);
  const regional = lexicon.dialect.unlessAsked.filter(([word]) => out.includes(word));
  if (regional.length === 0) return out; // most questions: no segmentation needed
  const asks = tagged(out).some((t) => lexicon.interrogatives.has(t.word) || /^(?:谁|什么|多少|哪)/.test(t.word));
  if (!asks) for (const [word, standard] of regional) out = out.split(word).join(standard);
  // "片场到底有好大、有啥设备？": after 有 and closing its clause, 好大 asks even beside another question word
  // (the exclamation says 好大的… or 好大啊！, never 有好大、).
  else for (const [word, standard] of regional) out = out.replace(new RegExp(`(?<=有)${word}(?=[、，,？?；;]|[哦嘛呢哈撒]?$)`, 'g'), standard);
  return out;
}

/**
 * A year that dates the report the asker read ("2024年那篇报道里…", "2023年的评论说…", "2023年那篇说…") points at a source,
 * not at the period of the fact: a fact told in a 2024 report need not name 2024.
 */
const SOURCE_YEAR = /(?:19|20)\d{2}年(?=(?:的|那|这|一)?(?:篇|则|份|期)?(?:报道|文章|评论|新闻|稿子|社论|报纸)|(?:的|那|这)?[篇则]|[那这]期)/g;
const withoutSourceYears = (text: string): string => text.replace(SOURCE_YEAR, '');

/** The first months of a year as news name them: 头三个月 / 前3个月 / 头仨月 is 一季度, the first six 上半年. */
const FIRST_MONTHS: [RegExp, string][] = [
  [/[头前](?:(?:三|3)个|仨个?)月/g, '一季度'],
  [/[头前](?:六|6)个月/g, '上半年'],
];
const withQuarters = (text: string): string => FIRST_MONTHS.reduce((t, [months, period]) => t.replace(months, period), text);

/** An ordinal of a phase or a batch (第二期, 第3批): the news also write it bare (二期, 3批). An alias. */
const ordinalBare = (word: string): string[] => (/^第[一二三四五六七八九十\d]+[期批届轮]$/.test(word) ? [word.slice(1)] : []);

/** A year written with two digits ("永川22年gdp"): the news write it whole (2022年). An alias, never a replacement: 22年 may be a span. */
const shortYear = (word: string, text: string): string[] => (/^\d{2}$/.test(word) && new RegExp(`(?<![\\d.])${word}年`).test(text) ? [`20${word}`] : []);

/**
 * "饶静是哪个单位的负责人": a post standing for any post (负责人, 领导), asked as which body's of a person the
 * question names, only frames the answer — the person's post — like 职务 in "是什么职务". (Without a name,
 * "哪家企业的负责人说…" asks about whoever 负责人 the passage quotes: a content word.)
 */
const framedPost = perLexicon((lexicon) => new RegExp(`哪(?:个|家|一个)?[\\u4e00-\\u9fff]{0,4}的(${lexicon.anyPosts.join('|')})`));
const NAMED_PERSON = /^(?:nr|nrfg|nrt|x)$/;
/**
 * "李某是甲局的局长吗": a named person's post asked to be confirmed, or chosen among ("…局长，还是副局长？").
 * The post is what is asked, not a premise: the passage introducing the person answers, whatever post it
 * gives (副局长: "no, the deputy").
 */
const CONFIRMS = /吗[？?！!。.\s]*$|是不是|是否|对不对|还是/;

export function analyzeQuery(text: string, lexicon: Lexicon): AnalyzedQuery {
  const original = text.trim();
  const normalized = standardQuestionWords(withQuarters(withoutSourceYears(normalizeQuery(original))), lexicon);
  const words0 = splitResultativeHao(
    joinModifiedPosts(
      splitHowAdjective(
        splitGluedInterrogative(
          splitGluedMeasure(
            tagged(normalized).map((t) => ({ word: t.word.trim().toLowerCase(), tag: t.tag })),
            lexicon,
          ),
          lexicon,
        ),
      ),
      lexicon,
    ),
    lexicon,
  );
  const words: QueryWord[] = [];
  const byWord = new Map<string, QueryWord>();
  let groups = 0;
  const framing = framedPost(lexicon).exec(normalized)?.[1];
  const personNamed = (t: { word: string; tag: string }, except = '') => NAMED_PERSON.test(t.tag) && [...t.word].length >= 2 && [...t.word].every(isCjk) && t.word !== except && !lexicon.posts.some((p) => t.word.endsWith(p));
  const namesPerson = (except = '') => words0.some((t) => personNamed(t, except));
  const framed = framing && namesPerson(framing) ? framing : undefined;
  words0.forEach(({ word, tag }, i) => {
    if (!word || byWord.has(word) || word === framed) return;
    const weight = weightOf(word, tag, lexicon);
    if (weight === 0) return;
    const parts = word.length > 2 ? cutForSearch(word, false).filter((p) => p !== word && p.length > 1) : [];
    const bare = ADMIN_SUFFIX.exec(word)?.[1];
    const w: QueryWord = { word, tag, weight, parts, aliases: bare ? [bare] : [...listCountAliases(word), ...shortYear(word, normalized), ...ordinalBare(word), ...(metricSpellings(lexicon).get(word) ?? [])] };
    // "A和B": the word before the coordinator joins this word's group.
    const prev = words0[i - 2];
    if (prev && COORDINATOR.has(words0[i - 1]!.word) && byWord.has(prev.word)) {
      const a = byWord.get(prev.word)!;
      a.group ??= ++groups;
      w.group = a.group;
    }
    byWord.set(word, w);
    words.push(w);
  });
  // Content-word distance to the nearest interrogative; a query of keywords only asks about its last word
  // ("美心智能门 合格率"), the head of the phrase, as if the interrogative followed it.
  const asked = words0.flatMap((t, i) => (isInterrogative(t.word, lexicon) ? [i] : []));
  const keywordsOnly = asked.length === 0 && /[\u3400-\u9fff]/.test(normalized) && !/[？?吗呢]|谁|什么|啥|哪|多少|几|怎|如何|何/.test(normalized);
  const gaps = keywordsOnly ? [words0.length] : asked;
  if (gaps.length) {
    const contentAt = words0.map((t) => byWord.has(t.word));
    // "开展哪些评选来推动项目建设": after the slot, 来 / 以 / 用来 and a verb lead a clause of purpose — what the
    // asked thing is for, not what it is: its words are no predicate of the slot.
    const purpose = words0.findIndex((t, i) => i > gaps[0]! && PURPOSE.has(t.word) && /^v/.test(words0[i + 1]?.tag ?? ''));
    for (const w of words) {
      const at = words0.findIndex((t) => t.word === w.word);
      const between = Math.min(...gaps.map((g) => contentAt.slice(Math.min(g, at) + 1, Math.max(g, at)).filter(Boolean).length));
      w.nearGap = 1 / (1 + between);
      if (at > gaps[0]! && !(purpose >= 0 && at > purpose)) w.afterGap = true;
    }
    // "主持…会议的是谁", "负责…的是哪家企业": a clause led by a verb describes the one asked for, and its
    // verb is what that one did: the predicate next to the slot, however many words the clause holds.
    const de = words0.findIndex((t) => t.word === '的');
    // (A date before it only sets the time: 2月21日主持…的是谁.)
    const lead = words0.findIndex((t) => byWord.has(t.word) && !/^(?:m|t|mq)$/.test(t.tag));
    const rest = words0.slice(de + 1, gaps[0]! + 1).map((t) => t.word);
    if (de > lead && lead >= 0 && /^v/.test(words0[lead]!.tag) && de < gaps[0]! && rest.every((t) => RELATIVE_HEAD.has(t) || isInterrogative(t, lexicon))) {
      const w = byWord.get(words0[lead]!.word)!;
      w.nearGap = 1;
      w.afterGap = true;
    }
  }
  // Reported words: everything before a speech verb that follows a name or a post, when a question comes after.
  // The speaker just before token i, possibly with the question between ("王某怎么说", "田某是如何讲的");
  // jieba may cut a name in two (王明安 → 王明/nr 安/v).
  const speakerBefore = (i: number) =>
    words0
      .slice(0, i)
      .filter((w) => !isInterrogative(w.word, lexicon) && !lexicon.filler.has(w.word))
      .slice(-2)
      .some((w) => /^(nr|nrfg|nrt|x)$/.test(w.tag) || lexicon.posts.some((p) => w.word.endsWith(p)));
  // jieba may also glue the verb to the end of a name it does not know (王明安说 → 王明 安说; 宋开言说 →
  // 宋开 言说, a dictionary word after the unknown rest of the name).
  const glued = (t: { word: string; tag: string }, i: number) => /^[\u3400-\u9fff](?:说|讲)$/.test(t.word) && (t.tag === 'x' || words0[i - 1]?.tag === 'x' || words0[i - 1]?.word.length === 1);
  const viewing = (t: { word: string }, i: number) => VIEWING.test(t.word) && HOW.test(words0[i - 1]?.word ?? '');
  const speaks = (t: { word: string; tag: string }, i: number) => (SPEECH_VERB.test(t.word) || viewing(t, i) || glued(t, i)) && speakerBefore(i);
  // "吴涛把A比作什么": the one who likens (before 把) is the speaker, A is what his words are about.
  const likens = words0.findIndex((t) => LIKENING.test(t.word));
  const ba = words0.findIndex((t, i) => t.word === '把' && i < likens && speakerBefore(i));
  // "潘主任对这次会议怎么评价": the one before 对 speaks, what follows 对 is what the words are about.
  const speechAt = words0.findIndex((t, i) => SPEECH_VERB.test(t.word) && i > 0);
  const dui = words0.findIndex((t, i) => t.word === '对' && i > 0 && i < speechAt && speakerBefore(i));
  const spoken = words0.findIndex(speaks);
  const verb = ba > 0 ? ba : dui > 0 && spoken < 0 ? dui : spoken;
  if (verb > 0 && gaps.length) {
    for (const t of words0.slice(0, verb)) {
      const w = byWord.get(t.word);
      if (w) w.speaker = true;
    }
  }
  const years = words.flatMap((w) => shortYear(w.word, normalized));
  const framedTerms = new Set(framed ? terms(framed) : []);
  const searchTerms = [...new Set([...terms(normalized), ...years])].filter((t) => !lexicon.filler.has(t) && !framedTerms.has(t));
  // Bigrams of the content only: filler words become gaps, so "是谁" or "多少" never match by themselves.
  const content = words0.map((t) => (byWord.has(t.word) ? t.word : ' ')).join('');
  // Asked what post a named person holds (盛某在讲话，他是什么职务): that person is what is asked about.
  // (A word jieba does not know counts when a common surname leads it, as names do.)
  const postOf = POST_ASKED.test(normalized)
    ? words0.find((t) => byWord.has(t.word) && personNamed(t) && (t.tag !== 'x' || lexicon.surnames.includes(t.word[0]!)))?.word
    : undefined;
  const focus = postOf ?? focusOf(words0, new Set(words.map((w) => w.word)), lexicon);
  return {
    original,
    normalized,
    searchTerms,
    bigramTerms: bigramTerms(content),
    words,
    ...(focus ? { focus } : {}),
    ...(postOf ? { postOf } : {}),
    answerType: answerTypeOf(normalized, lexicon),
    foreign: ![...normalized].some(isCjk),
    posts: CONFIRMS.test(normalized) && namesPerson() ? [] : postPhrases(words0, lexicon, WHO.test(normalized) || POST_ASKED.test(normalized)),
    aboutPhoto: lexicon.photoWords.some((w) => normalized.toLowerCase().includes(w)),
  };
}
