// A user's question → what retrieval needs: normalised text, search terms, and the question's words
// weighted by how much each matters for judging whether a passage answers it.
import { isCjk } from '../text/chars.js';
import { normalizeText } from '../text/normalize.js';
import { RARE_WORD_IDF, segmenter, tagged, terms, wordIdf } from '../text/segment.js';

export interface QueryWord {
  word: string;
  /** Part of speech from jieba (n, ns, nr, v, m …). */
  tag: string;
  /** Importance for judging an answer (general-language IDF; filler words are left out). */
  weight: number;
  /** Shorter words inside a long one (区委书记 → 区委, 书记), for partial matches. */
  parts: string[];
  /** Words joined by 和/与/及/、 ("荣昌和潼南") share a group: a passage needs only one of them. */
  group?: number;
}

/** What kind of answer the question wants, where a passage can be checked for it. */
export interface AnswerType {
  /** A date or time: 哪天, 什么时候, 几月几号 … */
  when: boolean;
  /** An amount of money: 多少钱, 租金, 价格 … */
  money: boolean;
  /** The measure word of a "how many" question: 多少辆 → 辆, 几家 → 家. */
  measure?: string;
}

export interface AnalyzedQuery {
  /** What the user typed, trimmed. */
  original: string;
  /** HTML removed, full-width folded, simplified, numbers in digits: what is embedded and matched. */
  normalized: string;
  /** BM25 terms (jieba search mode, filler words removed). */
  searchTerms: string[];
  /** Content words of the question (jieba precise mode). */
  words: QueryWord[];
  answerType: AnswerType;
  /** The word the question asks about ("永川区委书记是谁" → 区委书记): the answering sentence names it. */
  focus?: string;
  /** No Chinese characters at all: a cross-language question. */
  foreign: boolean;
}

// Interrogatives, particles and function words: they say what kind of answer is wanted, not what it
// is about. A general list for questions, not tuned to any question set.
export const FILLER = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 么 嘛 和 与 及 或 是 在 有 为 把 被 对 从 到 向 就 都 也 还 又 再 很 最 更 这 那 哪 ' +
    '谁 啥 什么 怎么 怎样 怎么样 如何 为何 为什么 哪个 哪些 哪里 哪儿 哪家 哪位 哪年 哪天 多少 几 几个 几家 几项 ' +
    '是否 是不是 有没有 能否 可以 请问 请 告诉 我 我们 你 你们 他 她 它 他们 一下 一个 一些 这个 那个 这些 那些 ' +
    '其 之 等 以及 个 位 上 下 中 里 到底 具体 主要 分别 各 各自 现在 目前 曾经 已经 会 要 将 能 应 该 呢 ' +
    '哪天 哪一天 几号 几月 几月几号 啥时候 什么时候 何时 哪年 哪一年 多少钱 多少个 多少家 哪几个 哪几家 ' +
    // Nouns that only frame the question ("是什么职务", "叫什么名字", "哪个单位"): they name the kind of
    // answer, which the passage states without repeating the word.
    '职务 职位 头衔 身份 名字 名称 单位 内容 情况 意思 原因 时间 地点 ' +
    'the a an of in on at to for is are was were be by with what who whom which when where why how does do did ' +
    'many much and or it its this that these those there their from as about'
  ).split(/\s+/),
);

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;

export function normalizeQuery(text: string): string {
  const plain = text
    .replace(/<\/?[a-z][^<>]*>/gi, ' ') // HTML tags are formatting, not words
    .replace(/&(?:amp|lt|gt|quot|nbsp|#\d+);/g, ' ');
  return normalizeText(plain).replace(/\s+/g, ' ').trim();
}

/** Nouns, names and numbers carry what a question is about; verbs and adverbs are phrased freely. */
const TOPICAL = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|eng|j|x|m)$/;
const PHRASING_FACTOR = 0.5;

/** General-language informativeness; rare words and words missing from jieba's table (names, jargon) count alike. */
function weightOf(word: string, tag: string): number {
  if (FILLER.has(word) || PUNCT_OR_SPACE.test(word)) return 0;
  if (/^\d+(\.\d+)?%?$/.test(word)) return 6;
  const w = Math.max(1, wordIdf(word) ?? RARE_WORD_IDF);
  return TOPICAL.test(tag) ? w : w * PHRASING_FACTOR;
}

const WHEN = /哪天|哪一天|什么时候|啥时候|几月|几号|何时|哪年|哪一年|什么日子|什么时间|when\b/i;
const MONEY = /多少钱|几块钱|价格|价钱|票价|租金|房租|费用|收费|工资|薪资|薪水|月薪|年薪|多少元|售价|单价|余额|贷款|存款|利润|税收|投资额|总投资|how much money|\bprice|\bcost|\brent\b/i;
// Measure words that name what is counted (not 个, which counts anything).
// "哪几座" asks which ones (a list), "几座" how many: only the latter needs a count.
const MEASURE = /(?<!哪)(?:多少|几)(辆|张|台|家|列|天|秒|类|项|条|套|吨|次|座|栋|所|种|架|艘|趟|场|届|件|亩|岁|倍|位|名)/;
const COORDINATOR = new Set(['和', '与', '及', '、', '跟', '同', '以及', 'and']);
const INTERROGATIVE = /^(谁|什么|啥|多少|几|哪|哪些|哪个|哪家|哪位|哪里|哪儿|哪天|哪年|几个|几家|几月|几号|什么时候|啥时候|多少钱|多少个|多少家|哪几个|哪几家|怎么|如何|怎样|为何|为什么|几月几号|哪一天|哪一年|what|who|which|when|where|how)$/;

/** The content word next to the interrogative: before it ("区委书记是谁"), else after it ("哪家车企"). */
function focusOf(tokens: { word: string }[], content: Set<string>): string | undefined {
  const at = tokens.findIndex((t) => INTERROGATIVE.test(t.word));
  if (at < 0) return undefined;
  for (let i = at - 1; i >= 0; i--) if (content.has(tokens[i]!.word)) return tokens[i]!.word;
  for (let i = at + 1; i < tokens.length; i++) if (content.has(tokens[i]!.word)) return tokens[i]!.word;
  return undefined;
}

function measureOf(text: string): { measure?: string } {
  const m = MEASURE.exec(text);
  return m ? { measure: m[1]! } : {};
}

export function analyzeQuery(text: string): AnalyzedQuery {
  const original = text.trim();
  const normalized = normalizeQuery(original);
  const words0 = tagged(normalized).map((t) => ({ word: t.word.trim().toLowerCase(), tag: t.tag }));
  const words: QueryWord[] = [];
  const byWord = new Map<string, QueryWord>();
  let groups = 0;
  words0.forEach(({ word, tag }, i) => {
    if (!word || byWord.has(word)) return;
    const weight = weightOf(word, tag);
    if (weight === 0) return;
    const parts = word.length > 2 ? segmenter().cutForSearch(word, false).filter((p) => p !== word && p.length > 1) : [];
    const w: QueryWord = { word, tag, weight, parts };
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
  const searchTerms = [...new Set(terms(normalized))].filter((t) => !FILLER.has(t));
  const focus = focusOf(words0, new Set(words.map((w) => w.word)));
  return {
    original,
    normalized,
    searchTerms,
    words,
    ...(focus ? { focus } : {}),
    answerType: { when: WHEN.test(normalized), money: MONEY.test(normalized), ...measureOf(normalized) },
    foreign: ![...normalized].some(isCjk),
  };
}
