// An English question without a multilingual model: its translation (the lexicon's English part:
// CC-CEDICT glosses, pinyin names, numbers) becomes the same query shape as a Chinese question, so it
// runs through the same retrieval, ranking, bold sentence and decision. Each English unit becomes one
// group of alternative Chinese words: a passage needs one of them. A unit that translates only into
// words the coverage never uses stays in the query as a missing name, which counts against an answer.
import type { CoverageVocabulary, Translation } from '../text/english.js';
import type { Lexicon } from '../text/lexicon.js';
import { bigramTerms, wordIdf } from '../text/segment.js';
import type { AnalyzedQuery, QueryWord } from './query.js';

const RARE = 10;

/**
 * The posts asked: a unit that translates into one post only (district head → 区长, general manager → 总经理).
 * A unit of several candidates (director → 主任 | 经理) names none for sure: no post is checked for it.
 */
function postsAsked(t: Translation, lexicon: Lexicon): string[] {
  return t.groups.flatMap((g) => (g.terms.length === 1 && lexicon.posts.includes(g.terms[0]!.term) ? [g.terms[0]!.term] : []));
}

export function queryFromTranslation(original: string, normalized: string, t: Translation, lexicon: Lexicon): AnalyzedQuery {
  const words: QueryWord[] = [];
  for (const g of t.groups) {
    for (const term of g.terms) {
      if (words.some((w) => w.word === term.term)) continue;
      const general = Math.max(1, wordIdf(term.term) ?? RARE);
      words.push({
        word: term.term,
        tag: g.via === 'pinyin' ? 'nz' : g.via === 'number' ? 'm' : 'n',
        weight: general * term.weight,
        parts: [],
        aliases: [],
        ...(g.terms.length > 1 ? { group: g.id + 1 } : {}),
      });
    }
  }
  // Units the coverage has no word for: names and terms that cannot be there.
  for (const u of t.uncovered) words.push({ word: u.toLowerCase(), tag: 'nz', weight: RARE, parts: [], aliases: [] });
  const type = t.answerType;
  return {
    original,
    normalized,
    searchTerms: [...new Set(t.terms.map((x) => x.term))],
    bigramTerms: t.terms.flatMap((x) => bigramTerms(x.term)),
    words,
    answerType: {
      when: type === 'date',
      // "How much" asks for money only where the question speaks of money (how much did it carry: 265吨).
      money: type === 'amount' && MONEY_ASKED.test(original),
      count: type === 'count' || type === 'percent' || type === 'amount',
      who: type === 'person',
      quote: false,
    },
    foreign: true,
    posts: postsAsked(t, lexicon),
    aboutPhoto: /\b(?:photo|picture|image|caption)/i.test(original),
  };
}

/** Words that make "how much" a question about money. */
const MONEY_ASKED = /\b(?:cost|costs|costing|spend|spends|spent|invest|invests|invested|investment|investments|money|yuan|rmb|dollars?|price|prices|priced|worth|earn|earns|earned|earnings|revenue|revenues|income|fund|funds|funding|budget|sales|pay|pays|paid|profit|profits|tax|taxes|loan|loans|credit|subsid(?:y|ies)|value|valued|forex|foreign exchange)\b/i;

/** The best-weighted Chinese word of each unit: what the reply shows as "matched through". */
export function shownTerms(t: Translation): string[] {
  return t.groups.map((g) => g.terms[0]?.term).filter((x): x is string => !!x);
}

export type { CoverageVocabulary };
