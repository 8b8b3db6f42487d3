// English questions → weighted Chinese query terms for keyword search over Chinese coverage, without
// any embedding model. Three sources, each tried on the question's words left to right:
// - names by pinyin: "Yongchuan", "Zhang Zhikui" meet the coverage's own words (永川, 张志奎) through a
//   pinyin map of the coverage vocabulary, so every place, company and person it names is reachable;
// - numbers, years and units: "1.2 trillion yuan" → 1.2 / 万亿元, "2024" → 2024 / 2024年, "8.5%" → 8.5%;
// - content words and phrases by CC-CEDICT glosses read backwards (see cedict.ts), longest phrase first,
//   plus a small supplement of news phrases the dictionary lacks ("party secretary" → 书记…).
// Each English unit becomes one group of alternative Chinese terms weighted by how well the gloss fits,
// how often the coverage uses the term and how common it is in general Chinese (jieba's IDF table);
// candidates the coverage never uses are dropped, and the unit is reported as `uncovered` if none is left.
//
// Everything heavy (the gloss index: ≈2 s to build from the dictionary, ≈0.3 s from its disk cache; pinyin;
// WordNet's irregular forms) is loaded on the first English question only, so Chinese-only use pays nothing.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { pinyin as pinyinFn } from 'pinyin-pro';
import { checksum } from '../index/checksum.js';
import { cedictDataIdentity, type GlossHit, GlossIndex, loadGlossIndex } from './cedict.js';
import { SUPPLEMENT_ENTRIES } from './dict-supplement.js';
import { RARE_WORD_IDF, tagged as segmentTagged, terms as segmentTerms, wordIdf } from './segment.js';

const require = createRequire(import.meta.url);

export type TermSource = 'gloss' | 'pinyin' | 'number' | 'verbatim';

export interface TranslatedTerm {
  /** A Chinese query term as the lexical index stores it (jieba search-mode term, lower-case). */
  term: string;
  /** Relative confidence within its group, (0, 1]; the best alternative of a group has 1. */
  weight: number;
  /** The English word or phrase it translates, as written in the question. */
  from: string;
  via: TermSource;
  /** Id of the group (one English unit) it belongs to. */
  group: number;
}

/** Alternatives for one English unit: a passage needs one of them, not all. */
export interface TermGroup {
  id: number;
  from: string;
  via: TermSource;
  terms: TranslatedTerm[];
}

/** What kind of answer the question asks for, from its question words. */
export type AnswerType = 'count' | 'percent' | 'amount' | 'date' | 'person' | 'place' | 'reason' | 'manner' | 'yesno';

export interface Translation {
  /** All terms of all groups, each term once (with its best weight and first group). */
  terms: TranslatedTerm[];
  groups: TermGroup[];
  /** Content words with no translation at all (not in the dictionary, not a coverage name). */
  unknown: string[];
  /** Words and phrases that translate, but into words the coverage never uses. */
  uncovered: string[];
  /** Places of the region's gazetteer the question spells ("Wanzhou" → 万州) that the coverage never names. */
  absentPlaces: string[];
  answerType?: AnswerType;
}

/** The index's own vocabulary. Pass the same object every time: the pinyin map is built once per object. */
export interface CoverageVocabulary {
  /** Passages using the term (0: never). */
  df(term: string): number;
  /** Every term of the index (jieba search-mode terms). */
  terms(): Iterable<string>;
}

export interface TranslateOptions {
  /** Splits a dictionary word the index lacks into index terms (default: the index's own segmentation). */
  segment?: (text: string) => string[];
}

/** At most this many alternatives per English unit, each at least MIN_WEIGHT of the best. */
export const MAX_ALTERNATIVES = 4;
export const MIN_WEIGHT = 0.2;
/**
 * Bump when the translation rules or the cached gloss index's format change (goes into the version, and
 * so into the cache file's name). 2: the cache records the headwords read only as proper nouns; 3: and
 * every word with an entry as a proper noun.
 */
const RULES_VERSION = 3;

// News phrases CC-CEDICT lacks or glosses differently; checked before the dictionary, phrase by phrase.
export const PHRASE_SUPPLEMENT: Readonly<Record<string, readonly string[]>> = {
  'party secretary': ['书记', '党委书记', '区委书记', '县委书记', '市委书记'],
  'party chief': ['书记', '党委书记', '区委书记', '县委书记', '市委书记'],
  'district head': ['区长'],
  'district chief': ['区长'],
  'district mayor': ['区长'],
  'county head': ['县长'],
  'county magistrate': ['县长'],
  'industrial output': ['工业产值', '工业总产值', '工业增加值'],
  'industrial output value': ['工业产值', '工业总产值'],
  'industrial added value': ['工业增加值', '增加值'],
  'value added': ['增加值'],
  'added value': ['增加值'],
  gdp: ['地区生产总值', '生产总值', 'gdp'],
  'economic output': ['地区生产总值', '生产总值', '经济总量'],
  'new energy vehicle': ['新能源汽车', '新能源'],
  'new energy': ['新能源'],
  'high-tech': ['高新技术', '高新', '高科技'],
  'high tech': ['高新技术', '高新', '高科技'],
  'high-tech zone': ['高新区'],
  'first quarter': ['一季度', '第一季度'],
  'second quarter': ['二季度', '第二季度'],
  'third quarter': ['三季度', '第三季度'],
  'fourth quarter': ['四季度', '第四季度'],
  'first half': ['上半年'],
  'second half': ['下半年'],
  'first three quarters': ['前三季度'],
  'year on year': ['同比'],
  'year-on-year': ['同比'],
  // A figure set against last year's is a year-on-year change, not a question about last year.
  'compared with last year': ['同比'],
  'compared to last year': ['同比'],
  'compare with last year': ['同比'],
  'compare to last year': ['同比'],
  'than last year': ['同比'],
  'month on month': ['环比'],
  'fixed asset investment': ['固定资产投资'],
  'fixed-asset investment': ['固定资产投资'],
  'retail sales': ['社会消费品零售总额', '零售额'],
  'foreign trade': ['外贸', '进出口'],
  'per capita': ['人均'],
  'disposable income': ['可支配收入'],
  'above designated size': ['规模以上', '规上'],
  'listed company': ['上市公司'],
  'five-year plan': ['五年规划', '规划'],
  'economic circle': ['经济圈'],
  'intelligent manufacturing': ['智能制造'],
  'smart manufacturing': ['智能制造'],
  'digital economy': ['数字经济'],
  'rural revitalization': ['乡村振兴'],
  'rural revitalisation': ['乡村振兴'],
  'business environment': ['营商环境'],
  'investment promotion': ['招商引资', '招商'],
  'new area': ['新区'],
  'development zone': ['开发区'],
  'industrial park': ['工业园区', '产业园'],
  'standing committee': ['常委', '常委会'],
  "people's congress": ['人大', '人民代表大会'],
  cppcc: ['政协'],
  mayor: ['市长', '区长', '县长'],
  // Meetings are chaired (主持); CC-CEDICT glosses 主持 as "to take charge of", not "to chair".
  chair: ['主持', '主席'],
  preside: ['主持'],
  growth: ['增长', '增速', '发展'],
  'growth rate': ['增速', '增长率', '增幅', '增长'],
  // Project phases, as Chinese news numbers them (一期, 二期).
  'phase one': ['一期'],
  'first phase': ['一期'],
  'phase two': ['二期'],
  'second phase': ['二期'],
  'phase three': ['三期'],
  'third phase': ['三期'],
  'film studio': ['片场', '影视基地', '摄影棚'],
  'film set': ['片场'],
  'floor area': ['面积', '建筑面积'],
  'floor space': ['面积', '建筑面积'],
  // Money put into plants (投入) and their technical upgrading (技改), as Chinese news writes them.
  invest: ['投资', '投入'],
  investment: ['投资', '投入'],
  'technical upgrading': ['技改', '技术改造'],
  'technical upgrade': ['技改', '技术改造'],
  'technological upgrading': ['技改', '技术改造'],
  'technological upgrade': ['技改', '技术改造'],
  'technical transformation': ['技改', '技术改造'],
  'technical renovation': ['技改', '技术改造'],
  // Visitors who bought a ticket (购票游客) and ticket revenue (门票收入).
  'paying visitor': ['购票游客', '游客'],
  'paying visitors': ['购票游客', '游客'],
  'ticket revenue': ['门票收入'],
  'ticket sales': ['门票收入', '门票'],
};

/** Name suffixes: "Yongchuan District" → 永川区 (when the coverage writes it so) and 永川. */
const NAME_SUFFIX: Record<string, string> = {
  district: '区',
  county: '县',
  town: '镇',
  township: '乡',
  village: '村',
  city: '市',
  province: '省',
  subdistrict: '街道',
  street: '街道',
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SCALE: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Units after a number, as the coverage writes them after 万/亿 or a plain number. */
const UNIT: Record<string, string> = {
  yuan: '元',
  rmb: '元',
  renminbi: '元',
  dollar: '美元',
  dollars: '美元',
  usd: '美元',
  euro: '欧元',
  euros: '欧元',
  ton: '吨',
  tons: '吨',
  tonne: '吨',
  tonnes: '吨',
  kilometer: '公里',
  kilometers: '公里',
  kilometre: '公里',
  kilometres: '公里',
  km: '公里',
  hectare: '公顷',
  hectares: '公顷',
  mu: '亩',
  vehicle: '辆',
  vehicles: '辆',
  car: '辆',
  cars: '辆',
  household: '户',
  households: '户',
  people: '人',
  person: '人',
  persons: '人',
  residents: '人',
  enterprise: '家',
  enterprises: '家',
  company: '家',
  companies: '家',
  firms: '家',
  kwh: '千瓦时',
  years: '年',
  days: '天',
  months: '个月',
};

// Question patterns, first match wins; the words they consume carry no content.
const ANSWER_TYPES: [RegExp, AnswerType][] = [
  [/\bhow many\b/, 'count'],
  [/\b(?:what|which) (?:percentage|percent|proportion|share)\b|\bby how much\b/, 'percent'],
  [/\bhow (?:much|large|big|high|long|far)\b/, 'amount'],
  [/\bwhen\b|\b(?:what|which) (?:year|month|date|day|time)\b/, 'date'],
  [/\bwho\b|\bwhom\b|\bwhose\b/, 'person'],
  [/\bwhere\b|\b(?:what|which) (?:place|location)\b/, 'place'],
  [/\bwhy\b/, 'reason'],
  [/\bhow\b/, 'manner'],
  [/^(?:is|are|was|were|does|do|did|has|have|had|will|would|can|could|should)\b/, 'yesno'],
];
const QUESTION_OBJECTS = new Set(['year', 'month', 'date', 'day', 'time', 'percentage', 'percent', 'proportion', 'share', 'place', 'location']);
/** Question and filler words beyond the stopword package's English list. */
const EXTRA_STOP = [
  'does', 'doing', 'done', 'when', 'why', 'whom', 'whose', 'will', 'shall', 'may', 'whether', 'please', 'tell',
  'according', 'regarding', 'its', 'it', 'say', 'says', 'mentioned', 'mention', 'there', 'also', 'yet', 'just',
  'ever', 'the', 'a', 'an', 'per', 'being', 'what', 'which', 'kind', 'type', 'sort', 'know', 'us', 'i', 'me',
  'happened', 'happen', 'exactly', 'currently', 'actually', 'so', 'far', 'toward', 'towards', 'within', 'during',
  'against', 'among', 'amongst', 'across', 'via', 'upon', 'onto', 'whats', "what's", '%',
];

/** WordNet's irregular forms (grew → grow, people → person), from wink-lexicon. */
interface Exceptions {
  noun: Record<string, string>;
  verb: Record<string, string>;
  adjective: Record<string, string>;
}

// WordNet's Morphy detachment rules; a candidate counts only if the dictionary glosses it.
const SUFFIX_RULES: [string, string][] = [
  ['ies', 'y'], ['ves', 'f'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'],
  ['es', 'e'], ['es', ''], ['s', ''], ['ied', 'y'], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''],
  ['est', ''], ['er', 'e'], ['est', 'e'],
];

/** The word and its possible base forms, most likely first (not all of them are words). */
function baseForms(w: string, ex: Exceptions): string[] {
  const out = [w];
  for (const table of [ex.noun, ex.verb, ex.adjective]) {
    const base = Object.hasOwn(table, w) ? table[w] : undefined;
    if (base) out.push(base);
  }
  for (const [suffix, repl] of SUFFIX_RULES)
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length) + repl;
      out.push(base);
      // planned → plan, stopped → stop
      if (repl === '' && /([b-df-hj-np-tv-z])\1$/.test(base)) out.push(base.slice(0, -1));
    }
  out.push(w + 's'); // glossed in the plural only ("assets")
  return [...new Set(out)];
}

interface Lexicon {
  gloss: GlossIndex;
  exceptions: Exceptions;
  pinyin: typeof pinyinFn;
  stop: Set<string>;
}

export interface LexiconLoadStats {
  ms: number;
  /** Heap growth while loading (MB). */
  heapMb: number;
  glossKeys: number;
  /** Where the gloss index came from: the disk cache, built (and written to the cache), or built without one. */
  source: 'cache' | 'built+cached' | 'built';
  /** Why the cache could not be written or read, if it could not. */
  cacheError?: string;
}

let lexicon: Lexicon | undefined;
let loadStats: LexiconLoadStats | undefined;
let cacheDir: string | undefined;
let pinyinMaps = new WeakMap<CoverageVocabulary, Map<string, string[]>>();

/**
 * Where to keep the built gloss index (e.g. the index directory). Building it from the dictionary takes
 * ≈1.5 s; loading the cached form ≈0.1 s. The file name carries englishLexiconVersion(), so a changed
 * dictionary or rule set never reads a stale cache. Loads nothing now.
 */
export function configureEnglishLexicon(options: { cacheDir?: string }): void {
  cacheDir = options.cacheDir;
}

/** True once the English lexicon is in memory (only after the first English question or an explicit load). */
export function englishLexiconLoaded(): boolean {
  return lexicon !== undefined;
}

function loadGlossIndexCached(): { gloss: GlossIndex; source: LexiconLoadStats['source']; cacheError?: string } {
  if (!cacheDir) return { gloss: loadGlossIndex(), source: 'built' };
  const file = path.join(cacheDir, `english-lexicon-${englishLexiconVersion()}.json`);
  let cacheError: string | undefined;
  if (existsSync(file)) {
    try {
      return { gloss: GlossIndex.fromCompact(JSON.parse(readFileSync(file, 'utf8'))), source: 'cache' };
    } catch (err) {
      cacheError = `unreadable cache ${path.basename(file)}: ${(err as Error).message}`;
    }
  }
  const gloss = loadGlossIndex();
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(gloss.toCompact()));
    renameSync(tmp, file);
    return { gloss, source: 'built+cached', ...(cacheError ? { cacheError } : {}) };
  } catch (err) {
    return { gloss, source: 'built', cacheError: `cache not written: ${(err as Error).message}` };
  }
}

/** Loads the English lexicon now (a warm-up; translateQuestion loads it on first use anyway). */
export function loadEnglishLexicon(): LexiconLoadStats {
  if (lexicon && loadStats) return loadStats;
  const t0 = performance.now();
  const heap0 = process.memoryUsage().heapUsed;
  const stop = new Set<string>([...(require('stopword') as { eng: string[] }).eng, ...EXTRA_STOP]);
  const { gloss, source, cacheError } = loadGlossIndexCached();
  lexicon = {
    gloss,
    exceptions: {
      noun: require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, string>,
      verb: require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>,
      adjective: require('wink-lexicon/src/wn-adjective-exceptions.js') as Record<string, string>,
    },
    pinyin: (require('pinyin-pro') as { pinyin: typeof pinyinFn }).pinyin,
    stop,
  };
  loadStats = {
    ms: performance.now() - t0,
    heapMb: (process.memoryUsage().heapUsed - heap0) / 1e6,
    glossKeys: gloss.keyCount,
    source,
    ...(cacheError ? { cacheError } : {}),
  };
  return loadStats;
}

/** Forgets the loaded lexicon and pinyin maps (tests; a process reloading its dictionary). */
export function unloadEnglishLexicon(): void {
  lexicon = undefined;
  loadStats = undefined;
  pinyinMaps = new WeakMap();
}

function installedVersion(pkg: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const file = path.join(dir, pkg, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version);
  }
  return 'missing';
}

let version: string | undefined;
/**
 * Hash of everything that decides a translation: the dictionary data's identity, the versions of the
 * pinyin, WordNet-exception and stop-word packages, the phrase supplement and these rules. Does not load the
 * lexicon (nor read the 11 MB dictionary file: see cedictDataIdentity).
 */
export function englishLexiconVersion(): string {
  version ??= checksum(
    JSON.stringify({
      cedict: cedictDataIdentity(),
      pinyin: installedVersion('pinyin-pro'),
      lexicon: installedVersion('wink-lexicon'),
      stopword: installedVersion('stopword'),
      supplement: PHRASE_SUPPLEMENT,
      rules: RULES_VERSION,
      extraStop: EXTRA_STOP,
    }),
  );
  return version;
}

/** Pinyin without tones or spaces, ü as v and as u: 永川 → yongchuan, 绿色 → lvse / luse. */
function pinyinKeys(lex: Lexicon, word: string): string[] {
  const key = lex.pinyin(word, { toneType: 'none', separator: '', v: true }).toLowerCase();
  return key.includes('v') ? [key, key.replace(/v/g, 'u')] : [key];
}

const CJK_TERM = /^[\u3400-\u9fff]{2,8}$/;

let gazetteer: Map<string, string> | undefined;
/** Pinyin → place of the segmenter's regional gazetteer (its ns lines): 万州 → wanzhou. */
function gazetteerPlaces(lex: Lexicon): Map<string, string> {
  if (!gazetteer) {
    gazetteer = new Map();
    for (const { word, tag } of SUPPLEMENT_ENTRIES) if (tag === 'ns') for (const key of pinyinKeys(lex, word)) gazetteer.set(key, word);
  }
  return gazetteer;
}

/** A word jieba's dictionary tags as a place or a person, taken whole. */
function isKnownName(word: string): boolean {
  const tokens = segmentTagged(word);
  return tokens.length === 1 && /^(ns|nr|nrt|nrfg)$/.test(tokens[0]!.tag);
}

/** pinyin key → coverage terms of ≥2 CJK characters, built once per vocabulary object. */
/** A coverage word at least this rare in general Chinese can be a name (place names sit at ~9–10, 程度 at ~5). */
const NAME_MIN_IDF = 8;

function pinyinMap(lex: Lexicon, vocab: CoverageVocabulary): Map<string, string[]> {
  let map = pinyinMaps.get(vocab);
  if (!map) {
    map = new Map();
    for (const t of vocab.terms()) {
      // Names only: words general Chinese uses commonly (程度 sounds like "Chengdu") are not names,
      // unless the dictionary knows them as a place or person (重庆, 成都 are common *and* names).
      if (!CJK_TERM.test(t) || ((wordIdf(t) ?? RARE_WORD_IDF) < NAME_MIN_IDF && !isKnownName(t))) continue;
      for (const key of pinyinKeys(lex, t)) {
        const list = map.get(key);
        if (!list) map.set(key, [t]);
        else if (!list.includes(t)) list.push(t);
      }
    }
    pinyinMaps.set(vocab, map);
  }
  return map;
}

/** Builds the pinyin map of a vocabulary now (e.g. right after loading an index), returns ms taken. */
export function preparePinyinNames(vocab: CoverageVocabulary): number {
  const t0 = performance.now();
  pinyinMap(lexicon ?? (loadEnglishLexicon(), lexicon!), vocab);
  return performance.now() - t0;
}

interface Token {
  /** As written, without a possessive 's. */
  text: string;
  lower: string;
  kind: 'word' | 'number' | 'percent';
  /** Capitalised (or all caps) as names are. */
  cap: boolean;
  /** Joined to the previous token by a hyphen ("high-tech"). */
  hyphen: boolean;
}

const TOKEN = /(\d[\d,]*(?:\.\d+)?)(%|[A-Za-z]+)?|([A-Za-z]+(?:['’][A-Za-z]+)*)|(%)|(-)/g;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let lastEnd = -1;
  let hyphenPending = false;
  for (const m of text.normalize('NFKC').matchAll(TOKEN)) {
    const adjacent = m.index === lastEnd;
    lastEnd = m.index + m[0].length;
    if (m[5]) {
      hyphenPending = adjacent;
      continue;
    }
    const hyphen = hyphenPending && adjacent;
    hyphenPending = false;
    if (m[1] !== undefined) {
      const suffix = m[2];
      if (suffix === '%') out.push({ text: m[0], lower: m[1].replace(/,/g, ''), kind: 'percent', cap: false, hyphen });
      else if (suffix && !/^(st|nd|rd|th)$/i.test(suffix)) out.push({ text: m[0], lower: m[0].toLowerCase(), kind: 'word', cap: false, hyphen });
      else out.push({ text: m[0], lower: m[1].replace(/,/g, ''), kind: 'number', cap: false, hyphen });
    } else if (m[3]) {
      const word = m[3].replace(/['’]s$/i, '');
      out.push({ text: word, lower: word.toLowerCase().replace(/’/g, "'"), kind: 'word', cap: /^[A-Z]/.test(word), hyphen });
    } else if (m[4]) out.push({ text: '%', lower: '%', kind: 'word', cap: false, hyphen: false });
  }
  return out;
}

function formatNumber(n: number): string {
  return String(Number(n.toFixed(4)));
}

interface Candidate {
  terms: string[];
  score: number;
}

/** Weighted alternatives for a unit, from raw dictionary hits: coverage use × general use × fit. */
function rankHeadwords(hits: GlossHit[], vocab: CoverageVocabulary, segment: (t: string) => string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { headword, quality } of hits) {
    let q = quality;
    let termsOf = [headword];
    let df = vocab.df(headword);
    if (df === 0) {
      // A dictionary word the index only has in pieces (新能源汽车 → 新能源 + 汽车): use the pieces if
      // together they cover the whole word (工业增加值 needs 增加值 too, not just 工业 + 增加).
      const pieces = coveringPieces(headword, segment(headword).filter((t) => t !== headword && [...t].length >= 2 && vocab.df(t) > 0));
      if (!pieces) continue;
      termsOf = pieces;
      df = Math.min(...termsOf.map((t) => vocab.df(t)));
      q *= 0.7;
    }
    const idf = wordIdf(headword);
    const common = idf === undefined ? 0 : Math.max(0, RARE_WORD_IDF - idf) / RARE_WORD_IDF;
    const single = [...headword].length === 1 ? 0.5 : 1;
    out.push({ terms: termsOf, score: q * (0.5 + Math.log1p(df)) * (1 + common) * single });
  }
  return out;
}

/** The longest pieces that together cover every character of `word`, or undefined if they do not. */
function coveringPieces(word: string, pieces: string[]): string[] | undefined {
  const covered = new Array<boolean>(word.length).fill(false);
  const kept = [...new Set(pieces)].sort((a, b) => b.length - a.length).filter((p, i, all) => !all.slice(0, i).some((q) => q.includes(p)));
  for (const p of kept) {
    const at = word.indexOf(p);
    for (let k = at; k >= 0 && k < at + p.length; k++) covered[k] = true;
  }
  return kept.length >= 1 && covered.every(Boolean) ? kept : undefined;
}

class Builder {
  readonly groups: TermGroup[] = [];
  readonly unknown: string[] = [];
  readonly absentPlaces: string[] = [];
  readonly uncovered: string[] = [];

  constructor(private readonly vocab: CoverageVocabulary) {}

  /** Adds a group from scored candidates; false if none of them is in the coverage. */
  add(from: string, via: TermSource, candidates: Candidate[]): boolean {
    const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
    const best = ranked[0]?.score;
    if (!best) return false;
    const id = this.groups.length;
    const weights = new Map<string, number>();
    for (const c of ranked.slice(0, MAX_ALTERNATIVES)) {
      const w = c.score / best;
      if (w < MIN_WEIGHT) break;
      for (const t of c.terms) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    }
    this.groups.push({ id, from, via, terms: [...weights].map(([term, weight]) => ({ term, weight, from, via, group: id })) });
    return true;
  }

  /** Exact coverage terms with fixed weights (numbers, names); absent ones are dropped. */
  addTerms(from: string, via: TermSource, weighted: [string, number][]): boolean {
    const present = weighted.filter(([t]) => this.vocab.df(t) > 0);
    const top = Math.max(0, ...present.map(([, w]) => w));
    return this.add(
      from,
      via,
      present.map(([t, w]) => ({ terms: [t], score: w / (top || 1) })),
    );
  }
}

/** CC-CEDICT reads `word` as a common word, not only as a name (loads the dictionary on first use). */
export function isCommonWord(word: string): boolean {
  if (!lexicon) loadEnglishLexicon();
  return lexicon!.gloss.isCommonWord(word);
}

/** CC-CEDICT has `word` as a proper noun — a place, person or body (loads the dictionary on first use). */
export function isDictionaryName(word: string): boolean {
  if (!lexicon) loadEnglishLexicon();
  return lexicon!.gloss.isName(word);
}

/** Chinese words CC-CEDICT glosses as `word` is glossed, in the first sense of both (loads the dictionary on first use). */
export function synonymsOf(word: string): string[] {
  if (!lexicon) loadEnglishLexicon();
  return lexicon!.gloss.synonyms(word);
}

/**
 * A year that dates the piece the asker read ("the 2023 commentary", "2024's report") points at a source,
 * not at the period of the fact: a fact told in a 2024 report need not name 2024.
 */
const SOURCE_YEAR = /\b(?:19|20)\d{2}(?:'s)?\s+(?=(?:commentary|commentaries|article|articles|report|reports|story|stories|piece|pieces|editorial|editorials|series|coverage|news)\b)/gi;
const withoutSourceYear = (english: string): string => english.replace(SOURCE_YEAR, '');

/** Translates an English question into Chinese query terms for the coverage behind `vocab`. */
export function translateQuestion(english: string, vocab: CoverageVocabulary, options: TranslateOptions = {}): Translation {
  if (!lexicon) loadEnglishLexicon();
  const lex = lexicon!;
  const segment = options.segment ?? segmentTerms;
  const names = pinyinMap(lex, vocab);
  const toks = tokenize(withoutSourceYear(english));
  const out = new Builder(vocab);

  const lowerText = toks.map((t) => t.lower).join(' ');
  const answerType = ANSWER_TYPES.find(([re]) => re.test(lowerText))?.[1];

  const isStop = (t: Token | undefined): boolean => !t || (t.kind === 'word' && lex.stop.has(t.lower));
  const glossHits = (key: string): GlossHit[] => {
    const hits: GlossHit[] = (PHRASE_SUPPLEMENT[key] ?? []).map((headword) => ({ headword, quality: 1 }));
    return hits.concat(lex.gloss.lookup(key));
  };
  /** Keys for one word: as written, else its base forms the dictionary knows (grew → grow). */
  const wordKeys = (w: string): string[] => {
    const forms = baseForms(w, lex.exceptions).filter((k) => k in PHRASE_SUPPLEMENT || lex.gloss.has(k));
    return forms.length ? forms : [w];
  };
  const hasGloss = (w: string): boolean => wordKeys(w).some((k) => k in PHRASE_SUPPLEMENT || lex.gloss.has(k));
  const firstWord = toks.findIndex((t) => t.kind === 'word');

  for (let i = 0; i < toks.length; ) {
    const t = toks[i]!;
    const prev = toks[i - 1];

    // Question words and what they ask about ("what year") are the answer type, not content.
    if (t.kind === 'word' && QUESTION_OBJECTS.has(t.lower) && prev && (prev.lower === 'what' || prev.lower === 'which')) {
      i++;
      continue;
    }

    // Dates, either order: "February 21", "21 February", "the 21st of February".
    const date = dateAt(toks, i, out);
    if (date) {
      i += date;
      continue;
    }

    // Numbers with their scale and unit.
    if (t.kind === 'number' || t.kind === 'percent' || (t.kind === 'word' && t.lower in SCALE && !isStop(toks[i + 1]))) {
      i = numberGroup(toks, i, out);
      continue;
    }

    if (t.kind !== 'word') {
      i++;
      continue;
    }

    // Names by pinyin, longest first: "Zhang Zhikui", "Xi Jinping", then one word.
    const nameAt = (n: number): number => {
      const span = toks.slice(i, i + n);
      if (span.length < n || span.some((s) => s.kind !== 'word' || isStop(s))) return 0;
      const key = span.map((s) => s.lower.replace(/['’\-]/g, '')).join('');
      const found = names.get(key);
      if (!found) return 0;
      const phrase = span.map((s) => s.lower).join(' ');
      // An English word or phrase written in lower case is read as English, not as pinyin.
      const looksLikeName = span.some((s, k) => s.cap && (i + k !== firstWord || !hasGloss(s.lower)));
      if (!looksLikeName && (n > 1 ? glossHits(phrase).length > 0 : hasGloss(span[0]!.lower))) return 0;
      const suffix = toks[i + n];
      const suffixChar = suffix?.kind === 'word' ? NAME_SUFFIX[suffix.lower] : undefined;
      const weighted: [string, number][] = [];
      for (const term of found) {
        const df = vocab.df(term);
        if (suffixChar) weighted.push([term + suffixChar, 1 + Math.log1p(vocab.df(term + suffixChar))]);
        weighted.push([term, 0.5 + Math.log1p(df)]);
      }
      const from = toks.slice(i, i + n + (suffixChar ? 1 : 0)).map((s) => s.text).join(' ');
      if (!out.addTerms(from, 'pinyin', weighted)) return 0;
      return n + (suffixChar ? 1 : 0);
    };
    let used = 0;
    for (let n = 3; n >= 1 && !used; n--) used = nameAt(n);
    if (used) {
      i += used;
      continue;
    }

    // Dictionary phrases, longest first ("new energy vehicles", "party secretary").
    for (let n = 4; n >= 2 && !used; n--) {
      const span = toks.slice(i, i + n);
      if (span.length < n || span.some((s) => s.kind !== 'word') || isStop(span[0]) || isStop(span[n - 1])) continue;
      const joined = span.map((s, k) => (k === 0 ? '' : s.hyphen ? '-' : ' ') + s.lower).join('');
      const last = span[n - 1]!.lower;
      const stem = joined.slice(0, joined.length - last.length);
      const keys = [...new Set([joined, joined.replace(/-/g, ' '), ...baseForms(last, lex.exceptions).map((b) => stem + b)])];
      for (const key of keys) {
        const hits = glossHits(key);
        if (hits.length === 0) continue;
        // A phrase the coverage does not use falls back to its words ("fixed asset investment" → investment).
        if (out.add(span.map((s) => s.text).join(' '), 'gloss', rankHeadwords(hits, vocab, segment))) used = n;
        break;
      }
    }
    if (used) {
      i += used;
      continue;
    }

    // One word.
    i++;
    if (isStop(t)) continue;
    const hits = wordKeys(t.lower).flatMap(glossHits);
    const candidates = rankHeadwords(hits, vocab, segment);
    // Latin-script words the coverage itself uses (GDP, 5G, BYD).
    if (/[a-z0-9]/.test(t.lower) && vocab.df(t.lower) > 0) candidates.push({ terms: [t.lower], score: 1 + Math.log1p(vocab.df(t.lower)) });
    if (out.add(t.text, candidates.length && hits.length ? 'gloss' : 'verbatim', candidates)) continue;
    if (hits.length) out.uncovered.push(t.text);
    else out.unknown.push(t.text);
    // A name spelled as one of the region's places the coverage never mentions: nothing can answer it.
    const place = t.cap ? gazetteerPlaces(lex).get(t.lower) : undefined;
    if (place && vocab.df(place) === 0) out.absentPlaces.push(place);
  }

  const flat = new Map<string, TranslatedTerm>();
  for (const g of out.groups)
    for (const term of g.terms) {
      const seen = flat.get(term.term);
      if (!seen) flat.set(term.term, term);
      else if (term.weight > seen.weight) flat.set(term.term, { ...term, group: seen.group });
    }
  return {
    terms: [...flat.values()],
    groups: out.groups,
    unknown: out.unknown,
    uncovered: out.uncovered,
    absentPlaces: out.absentPlaces,
    ...(answerType ? { answerType } : {}),
  };
}

/** A day of the month, 1–31, as written ("21", "21st"). */
function dayOf(t: Token | undefined): number | undefined {
  return t?.kind === 'number' && /^\d{1,2}$/.test(t.lower) && Number(t.lower) >= 1 && Number(t.lower) <= 31 ? Number(t.lower) : undefined;
}

/**
 * A month at `i`, with its day on either side ("February 21", "21 February", "21st of February"), as the
 * coverage writes it (2月21日). Returns the tokens used, 0 when none. Months are capitalised; lower-case
 * "may" is a verb.
 */
function dateAt(toks: Token[], i: number, out: Builder): number {
  const t = toks[i]!;
  let month = t.kind === 'word' ? monthIndex(t) : -1;
  let day: number | undefined;
  let used = 1;
  if (month >= 0) {
    day = dayOf(toks[i + 1]);
    if (day) used = 2;
  } else {
    day = dayOf(t);
    const of = toks[i + 1]?.lower === 'of' ? 1 : 0;
    const next = toks[i + 1 + of];
    month = day && next?.kind === 'word' ? monthIndex(next) : -1;
    if (month < 0) return 0;
    used = 2 + of;
  }
  const m = month + 1;
  const weighted: [string, number][] = [[`${m}月`, 1], [String(m), 0.3]];
  if (day) weighted.push([`${m}月${day}日`, 1], [`${day}日`, 0.8]);
  out.addTerms(toks.slice(i, i + used).map((x) => x.text).join(' '), 'number', weighted);
  return used;
}

function monthIndex(t: Token): number {
  const m = MONTHS.indexOf(t.lower);
  if (m >= 0) return m === 4 && !t.cap ? -1 : m; // "may" as a verb
  const a = MONTH_ABBR.indexOf(t.lower.replace(/\.$/, ''));
  return a >= 0 && t.cap && t.lower !== 'may' && t.lower !== 'mar' ? a : -1;
}

/** A number (or a bare scale word) with what follows it; returns the index after the consumed tokens. */
function numberGroup(toks: Token[], i: number, out: Builder): number {
  const start = i;
  const t = toks[i]!;
  let value: number | undefined;
  let percent = t.kind === 'percent';
  if (t.kind === 'number' || t.kind === 'percent') {
    value = Number(t.lower);
    i++;
  }
  let scale = 1;
  let scaled = false;
  while (toks[i]?.kind === 'word' && toks[i]!.lower in SCALE) {
    scale *= SCALE[toks[i]!.lower]!;
    scaled = true;
    i++;
  }
  let unit = '';
  let points = false;
  const w = toks[i]?.kind === 'word' ? toks[i]!.lower : undefined;
  const w2 = toks[i + 1]?.kind === 'word' ? toks[i + 1]!.lower : undefined;
  if (w === 'percent' || w === '%' || (w === 'per' && w2 === 'cent')) {
    percent = true;
    i += w === 'per' ? 2 : 1;
    if (toks[i]?.lower === 'points' || toks[i]?.lower === 'point') {
      points = true;
      i++;
    }
  } else if (w === 'percentage' && (w2 === 'points' || w2 === 'point')) {
    percent = points = true;
    i += 2;
  } else if (w === 'square' && (w2 === 'meters' || w2 === 'metres' || w2 === 'kilometers' || w2 === 'kilometres')) {
    unit = w2.startsWith('kilo') ? '平方公里' : '平方米';
    i += 2;
  } else if (w && w in UNIT) {
    unit = UNIT[w]!;
    i++;
  }
  const from = toks.slice(start, i).map((s) => s.text).join(' ');
  const weighted: [string, number][] = [];
  if (value === undefined || Number.isNaN(value)) {
    // "billion yuan", "million tons": only the magnitude and unit.
    const mags = scale >= 1e12 ? ['万亿', '亿'] : scale >= 1e8 ? ['亿'] : scale >= 1e4 ? ['万'] : [''];
    for (const mag of mags) {
      if (unit) weighted.push([mag + unit, 1]);
      if (mag) weighted.push([mag, 0.6]);
    }
    if (!mags[0] && unit) weighted.push([unit, 1]);
  } else if (percent) {
    const n = formatNumber(value);
    weighted.push([`${n}%`, 1], [n, 0.6]);
    if (points) weighted.push(['百分点', 0.6], ['个百分点', 0.6]);
  } else {
    const v = value * scale;
    const isYear = !scaled && !unit && Number.isInteger(v) && v >= 1900 && v <= 2100 && !/,/.test(t.text);
    if (isYear) weighted.push([String(v), 1], [`${v}年`, 1]);
    else {
      // Chinese writes large amounts in 万 (10⁴) and 亿 (10⁸): 156,000 vehicles → 15.6万辆.
      const forms: [number, string][] = v >= 1e12 ? [[v / 1e12, '万亿'], [v / 1e8, '亿']] : v >= 1e8 ? [[v / 1e8, '亿'], [v / 1e4, '万']] : v >= 1e4 ? [[v / 1e4, '万']] : [];
      forms.push([v, '']);
      for (const [n, mag] of forms) {
        const s = formatNumber(n);
        if (!(mag && s === '1')) weighted.push([s, 1]);
        if (mag) weighted.push([mag + unit, 0.7]);
        if (mag && unit) weighted.push([mag, 0.4]);
      }
      if (unit) weighted.push([unit, 0.5]);
    }
  }
  if (!out.addTerms(from, 'number', weighted)) out.uncovered.push(from);
  return Math.max(i, start + 1);
}
