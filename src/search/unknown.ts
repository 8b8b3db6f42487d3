// Question words the coverage never uses. Before they count against a passage, common causes are
// ruled out, with general mechanisms only:
//   1. a homophone typo of a word the coverage does use (拼音输入法: 威智 for 威致, 宋开言 for 宋开颜) —
//      the word itself, or a 2–4 character window of the question overlapping it, sounds like a
//      coverage word: that spelling becomes an alias and joins the search terms;
//   2. an abbreviation the coverage writes instead (固投 for 固定资产投资, 规上 for 规模以上): the word's
//      first character and one of each later part, making a word the coverage uses;
//   3. a segmentation artefact (jieba's unknown-word model glues "2024年全社会" into 年/全 → 年全):
//      a word jieba's dictionary does not know, whose characters re-cut without that model are all
//      dictionary words, is replaced by those words;
//   4. another word for the same thing (打算 for 计划, 房子 for 房屋): a word the coverage uses that the
//      dictionary (CC-CEDICT, the lexicon's English part) glosses alike in the first sense of both is an alias;
//   5. a character glued to a word the coverage uses (李晓莉|任): the word, then the character.
// A word made of words the coverage writes (人大|主任) is no typo. And a long word the coverage does use
// takes the abbreviation it also writes (技术改造 and 技改) as an alias.
import { isCjk } from '../text/chars.js';
import type { Lexicon } from '../text/lexicon.js';
import type { HomophoneFinder } from '../text/pinyin.js';
import { bigramTerms, COMMON_WORD_IDF, cut, cutForSearch, terms, wordIdf } from '../text/segment.js';
import type { LexicalIndex } from '../index/lexical.js';
import { weightOf, type AnalyzedQuery, type QueryWord } from './query.js';

export interface UnknownWordComponents {
  lexical: LexicalIndex;
  homophones: HomophoneFinder;
  lexicon: Lexicon;
}

const known = (w: QueryWord, lexical: LexicalIndex) => lexical.df(w.word) > 0 || w.aliases.some((a) => lexical.df(a) > 0);

/** Every character the coverage writes (in some word of its vocabulary), gathered once per index. */
const charsOf = new WeakMap<LexicalIndex, Set<string>>();
function coverageWrites(lexical: LexicalIndex, ch: string): boolean {
  let chars = charsOf.get(lexical);
  if (!chars) {
    chars = new Set<string>();
    for (const term of lexical.vocabulary()) for (const c of term) chars.add(c);
    charsOf.set(lexical, chars);
  }
  return chars.has(ch);
}

const place = ({ nearGap, afterGap, speaker }: QueryWord): Partial<QueryWord> => ({
  ...(nearGap !== undefined ? { nearGap } : {}),
  ...(afterGap ? { afterGap } : {}),
  ...(speaker ? { speaker } : {}),
});

/**
 * The dictionary words a word is made of: its cut, or, when the dictionary holds the whole word (技术改造),
 * the words of two or more characters inside it that tile it, as jieba's search mode finds them (技术|改造).
 */
function partsOf(word: string): string[] {
  const parts = cut(word, false);
  if (parts.length > 1) return parts;
  const inside = cutForSearch(word, false).filter((p) => p !== word && [...p].length >= 2);
  const tiling: string[] = [];
  for (let at = 0; at < word.length; ) {
    const next = inside.find((p) => word.startsWith(p, at));
    if (!next) return parts;
    tiling.push(next);
    at += next.length;
  }
  return tiling;
}

/**
 * The two- or three-character abbreviations of a long word cut into two or three parts: its first
 * character, then one of each later part, that part's first or last (固定资产|投资 → 固投, 规模|以上 → 规上,
 * 科技|创新 → 科创; not 山海 for 茶山|竹海).
 */
export function abbreviations(word: string): string[] {
  if ([...word].length < 4 || ![...word].every(isCjk)) return [];
  const parts = partsOf(word);
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => [...p].length < 2)) return [];
  // It starts as the word does; each later part gives its first or its last character.
  let out = [parts[0]![0]!];
  for (const p of parts.slice(1)) out = out.flatMap((a) => [...new Set([p[0]!, p.at(-1)!])].map((ch) => a + ch));
  return out;
}

/**
 * A long name the coverage never writes may be written by the abbreviation it does write (人民代表大会常务
 * 委员会 → 人大常委会, 发展和改革委员会 → 发改委, 中华人民共和国 → 中国): the longest strings of the name's
 * characters, in order, beginning with its first and leaving some out between (a piece of it is no
 * abbreviation), that the coverage writes as a word.
 */
export function shortenings(word: string, written: (s: string) => boolean): string[] {
  const chars = [...word];
  const n = chars.length;
  if (n < 4 || n > MAX_SHORTENED || !chars.every(isCjk)) return [];
  let best: string[] = [];
  // Bit i of the mask keeps character i + 1; the first character is always kept.
  for (let mask = 1; mask < 1 << (n - 1); mask++) {
    const kept = [0];
    for (let i = 1; i < n; i++) if (mask & (1 << (i - 1))) kept.push(i);
    const gapped = kept.some((k, j) => j > 0 && k - kept[j - 1]! > 1);
    if (!gapped || kept.length === n || kept.length < (best[0]?.length ?? 2)) continue;
    const candidate = kept.map((k) => chars[k]!).join('');
    if (!written(candidate)) continue;
    if (candidate.length > (best[0]?.length ?? 0)) best = [candidate];
    else if (!best.includes(candidate)) best.push(candidate);
  }
  return best;
}

/** Names longer than this are not shortened (2^(n−1) candidates). */
const MAX_SHORTENED = 12;

/**
 * An abbreviation is no commoner in general Chinese than the commonest word it stands for: 节水 (节约用水)
 * and 人大 (人民代表大会) are rarer than 节约 or 人民; 公路 is a word of its own, commoner than 公交 or 线路.
 */
function commonerThanParts(abbreviation: string, word: string): boolean {
  const idf = wordIdf(abbreviation);
  const parts = partsOf(word).flatMap((p) => wordIdf(p) ?? []);
  return idf !== undefined && parts.length > 0 && idf < Math.min(...parts);
}

/**
 * How much commoner in general Chinese (IDF) a word sharing the gloss may be and still stand for the asked
 * one. Tune split: 2 drops 节目's 表示 / 显示 and nothing found; 1 already drops 打算's 计划.
 */
const SYNONYM_IDF_GAP = 2;

/** An abbreviation the coverage writes and that is no ordinary word (成都+市长 → 都市 is "city", not an abbreviation). */
const usableAbbreviation = (a: string, lexical: LexicalIndex) => (wordIdf(a) ?? Infinity) >= COMMON_WORD_IDF && lexical.df(a) > 0;

export function resolveUnknownWords(question: AnalyzedQuery, c: UnknownWordComponents): AnalyzedQuery {
  const q = withAbbreviations(question, c);
  if (q.words.every((w) => known(w, c.lexical) || !/[\u3400-\u9fff]/.test(w.word))) return q;
  const extra: string[] = [];
  const text = q.normalized.toLowerCase();
  // The word, or the word with the one written right after it (固定资产 投资 → 固定资产投资 → 固投).
  const spans = (w: QueryWord, i: number): string[] => {
    const next = q.words[i + 1];
    const at = text.indexOf(w.word);
    return next && at >= 0 && text.startsWith(next.word, at + w.word.length) ? [w.word, w.word + next.word] : [w.word];
  };
  // An abbreviation of a word and the one after it (固定资产 投资 → 固投) stands for both words.
  const spanned = new Map<number, string[]>();
  let words: QueryWord[] = q.words.map((w, i) => {
    if (known(w, c.lexical)) return w;
    const [single, pair] = spans(w, i).map((span) => abbreviations(span).filter((a) => usableAbbreviation(a, c.lexical)));
    if (pair?.length) spanned.set(i + 1, pair);
    const found = [...new Set([...c.homophones.find(w.word), ...single!, ...(pair ?? [])])];
    if (found.length === 0) return w;
    extra.push(...found);
    return { ...w, aliases: [...w.aliases, ...found] };
  });
  words = words.map((w, i) => (spanned.has(i) ? { ...w, aliases: [...new Set([...w.aliases, ...spanned.get(i)!])] } : w));

  // Windows of the question around the words still unknown.
  // A word as common in general language as an ordinary word (全世界) is what the asker meant, not a slip
  // for a coverage word that sounds like part of it (全世 → 全市).
  // A lone surname the coverage never writes alone starts a name jieba cut (杜/金融 for 杜金蓉), however common;
  // so does any lone character jieba's dictionary reads as a name (晋/云山 for 缙云山).
  const nameChar = (w: QueryWord) => w.word.length === 1 && /^n[rs]/.test(w.tag) && isCjk(w.word);
  // A word made of words the coverage writes (人大|主任 for its 人大常委会主任) was typed right: its windows
  // (大主) would only sound like something else (大足).
  const madeOfKnown = (w: QueryWord) => w.parts.length >= 2 && w.parts.every((p) => [...p].length >= 2 && c.lexical.df(p) > 0) && w.parts.join('') === w.word;
  const unknown = words.filter((w) => !known(w, c.lexical) && !madeOfKnown(w) && [...w.word].every(isCjk) && ((wordIdf(w.word) ?? Infinity) >= COMMON_WORD_IDF || nameChar(w)));
  const added: QueryWord[] = [];
  const covered = new Set<string>();
  for (const w of unknown) {
    const at = text.indexOf(w.word);
    if (at < 0) continue;
    // Where the question's other words of two or more characters that the coverage uses stand (after a
    // lone surname, the next word may be the rest of the name, typed with a slip: 杜|金融 for 杜金蓉).
    const typedRight = nameChar(w) ? [] : words
      .filter((o) => o !== w && [...o.word].length >= 2 && known(o, c.lexical))
      .flatMap((o) => {
        const from = text.indexOf(o.word);
        return from >= 0 ? [[from, from + o.word.length] as const] : [];
      })
      .filter(([from, to]) => to <= at || from >= at + w.word.length);
    for (let len = 4; len >= 2; len--) {
      for (let start = Math.max(0, at - len + 1); start <= at + w.word.length - 1 && start + len <= text.length; start++) {
        const window = text.slice(start, start + len);
        if (window === w.word || ![...window].every(isCjk) || c.lexical.df(window) > 0) continue;
        if (weightOf(window, 'x', c.lexicon) === 0) continue; // 有几, 哪天: question words, not typos
        // A window reaching into a neighbouring word the coverage uses crosses a word boundary: 防疫|方面 →
        // 疫方面 or 疫方 sounds like 一方面 or 一方, but 方面 was typed right.
        if (typedRight.some(([from, to]) => start < to && start + len > from)) continue;
        const found = c.homophones.find(window);
        if (found.length === 0) continue;
        extra.push(...found);
        added.push({ ...place(w), word: window, tag: 'nz', weight: weightOf(found[0]!, 'nz', c.lexicon), parts: [], aliases: found });
        for (const u of unknown) {
          const ua = text.indexOf(u.word);
          if (ua >= start && ua + u.word.length <= start + len) covered.add(u.word);
        }
      }
      if (added.length) break;
    }
  }
  words = [...words.filter((w) => !covered.has(w.word)), ...added];

  // A word the coverage writes with one or two more characters glued on by jieba's unknown-word model
  // (李晓莉|任 of 李晓莉任什么职, 华心|门厂 of 华心门厂): the word, then the characters.
  const glued = new Map<string, string>();
  words = words.flatMap((w) => {
    const chars = [...w.word];
    if (w.tag !== 'x' || known(w, c.lexical) || chars.length < 3 || !chars.every(isCjk)) return [w];
    const cutAt = [1, 2].map((n) => chars.length - n).find((at) => at >= 2 && c.lexical.df(chars.slice(0, at).join('')) > 0);
    if (cutAt === undefined) return [w];
    const head = chars.slice(0, cutAt).join('');
    glued.set(w.word, head);
    extra.push(head);
    const tail = chars.slice(cutAt).map((ch): QueryWord => ({ ...place(w), word: ch, tag: 'x', weight: weightOf(ch, 'x', c.lexicon), parts: [], aliases: [] }));
    return [{ ...w, word: head, parts: [], aliases: [] }, ...tail.filter((t) => t.weight > 0)];
  });

  // Segmentation artefacts: re-cut without the unknown-word model.
  words = words.flatMap((w) => {
    if (known(w, c.lexical) || wordIdf(w.word) !== undefined || w.word.length < 2 || ![...w.word].every(isCjk)) return [w];
    // A modified post (副书记) was joined on purpose: cut, it would ask for the plain post again.
    if (c.lexicon.postModifiers.some((m) => w.word.startsWith(m)) && c.lexicon.posts.some((p) => w.word.endsWith(p))) return [w];
    const pieces = cut(w.word, false);
    if (pieces.length < 2 || !pieces.every((p) => wordIdf(p) !== undefined || c.lexicon.filler.has(p))) return [w];
    // Cut into characters none of which the coverage ever writes (卤鹅 → 卤/鹅), it names something the
    // coverage does not hold: kept whole, it counts as missing; its characters alone would weigh nothing.
    if (pieces.every((p) => [...p].length === 1 && !coverageWrites(c.lexical, p))) return [w];
    return pieces
      // The pieces keep the word's place in the question (near the asked slot, naming the speaker …).
      .map((p): QueryWord => ({ ...place(w), word: p, tag: 'x', weight: weightOf(p, p.length === 1 ? 'x' : 'n', c.lexicon), parts: [], aliases: [] }))
      .filter((p) => p.weight > 0 && !words.some((o) => o.word === p.word));
  });
  // Another word for the same thing (打算 for 计划, 房子 for 房屋): the dictionary glosses both alike.
  words = words.map((w) => {
    if (known(w, c.lexical) || [...w.word].length < 2 || ![...w.word].every(isCjk)) return w;
    // A much commoner word sharing the gloss is a broader one (节目 "show" is no 表示 "to show").
    const floor = (wordIdf(w.word) ?? 0) - SYNONYM_IDF_GAP;
    const same = c.lexicon.english.synonyms(w.word).filter((s) => [...s].length >= 2 && c.lexical.df(s) > 0 && (wordIdf(s) ?? Infinity) >= floor);
    if (same.length === 0) return w;
    extra.push(...same);
    return { ...w, aliases: [...w.aliases, ...same] };
  });
  if (extra.length === 0 && words.length === q.words.length && words.every((w, i) => w === q.words[i])) return q;
  return {
    ...q,
    ...(q.focus !== undefined && glued.has(q.focus) ? { focus: glued.get(q.focus)! } : {}),
    ...searchingAlso(q, extra),
    words,
  };
}

/**
 * A long word the coverage writes in full may be written abbreviated where the answer is (技术改造 in one
 * story, 技改资金 in another): the abbreviation the coverage uses is an alias.
 */
function withAbbreviations(q: AnalyzedQuery, c: UnknownWordComponents): AnalyzedQuery {
  const extra: string[] = [];
  const lists = listAbbreviations(q, c.lexical);
  const words = q.words.map((w) => {
    const listed = lists.get(w) ?? [];
    const found = known(w, c.lexical)
      ? abbreviations(w.word).filter((a) => usableAbbreviation(a, c.lexical) && !w.aliases.includes(a))
      : shortenings(w.word, (a) => c.lexical.df(a) > 0 && !commonerThanParts(a, w.word));
    if (found.length === 0 && listed.length === 0) return w;
    extra.push(...found, ...listed);
    return { ...w, aliases: [...w.aliases, ...found, ...listed] };
  });
  return extra.length === 0 ? q : { ...q, ...searchingAlso(q, extra), words };
}

/**
 * Three or more words listed with 、 (水路、公路、铁路) may be written as one word of their first characters
 * (水公铁, 产学研), and so may two or more phrases of a word or two joined by 和, 与, 及 or 、 (智能化改造和
 * 数字化转型 → 智改数转): when the coverage writes its pieces, each listed word has it as an alias.
 */
function listAbbreviations(q: AnalyzedQuery, lexical: LexicalIndex): Map<QueryWord, string[]> {
  const out = new Map<QueryWord, string[]>();
  const text = q.normalized;
  const at = q.words.map((w) => text.indexOf(w.word));
  // Words written one after the other, in groups split where a join stands between two words.
  let groups: number[][] = [];
  const close = () => {
    const inner = groups.slice(1, -1);
    if (groups.length < 2) return;
    const first = groups[0]!;
    const last = groups.at(-1)!;
    // Items are alike, a word each or two each: the first item ends the words before the first join (全区水路、
    // 公路、铁路: 水路), the last begins those after the last join.
    const lists = [2, 1]
      .filter((n) => inner.every((g) => g.length === n) && first.length >= n && last.length >= n)
      .map((n) => [...first.slice(-n), ...inner.flat(), ...last.slice(0, n)])
      .filter((run) => run.length >= 3);
    for (const run of lists) {
      const abbreviation = run.map((i) => q.words[i]!.word[0]).join('');
      const pieces = cut(abbreviation, false);
      if (pieces.every((p) => lexical.df(p) > 0) && pieces.some((p) => [...p].length >= 2)) {
        for (const i of run) out.set(q.words[i]!, [abbreviation]);
        return;
      }
    }
  };
  q.words.forEach((w, i) => {
    const cjk = [...w.word].length >= 2 && [...w.word].every(isCjk) && at[i]! >= 0;
    const prev = groups.at(-1)?.at(-1);
    const gap = prev === undefined ? undefined : text.slice(at[prev]! + q.words[prev]!.word.length, at[i]);
    if (cjk && gap !== undefined && LIST_JOINS.has(gap)) groups.push([i]);
    else if (cjk && gap === '') groups.at(-1)!.push(i);
    else {
      close();
      groups = cjk ? [[i]] : [];
    }
  });
  close();
  return out;
}

/** What joins the items of a list. */
const LIST_JOINS = new Set(['、', '和', '与', '及', '以及']);

/** The question's search terms and bigrams, with those of the spellings found for its words. */
function searchingAlso(q: AnalyzedQuery, extra: string[]): Pick<AnalyzedQuery, 'searchTerms' | 'bigramTerms'> {
  return { searchTerms: [...new Set([...q.searchTerms, ...extra.flatMap((t) => terms(t))])], bigramTerms: [...q.bigramTerms, ...extra.flatMap(bigramTerms)] };
}
