// English questions → Chinese query terms (src/text/english.ts) over small synthetic vocabularies, and
// the CC-CEDICT reverse index (src/text/cedict.ts) on synthetic entries. The real dictionary is loaded
// once for the file (lazily, by the first translation) and cached on disk in a temporary directory.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CedictDataError, GlossIndex, glossKeys } from '../src/text/cedict.js';
import {
  configureEnglishLexicon,
  type CoverageVocabulary,
  englishLexiconLoaded,
  isCommonWord,
  englishLexiconVersion,
  loadEnglishLexicon,
  type Translation,
  translateQuestion,
  unloadEnglishLexicon,
} from '../src/text/english.js';
import { removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

const cacheDir = path.join(tempDir('english-lexicon-'), 'index');

function vocabulary(df: Record<string, number>): CoverageVocabulary {
  return { df: (t) => df[t] ?? 0, terms: () => Object.keys(df) };
}

/** The group translating `from` (as written in the question), if any. */
function group(tr: Translation, from: string) {
  return tr.groups.find((g) => g.from === from);
}
function termsOf(tr: Translation, from: string): string[] {
  return group(tr, from)?.terms.map((t) => t.term) ?? [];
}
function weightOf(tr: Translation, from: string, term: string): number | undefined {
  return group(tr, from)?.terms.find((t) => t.term === term)?.weight;
}

const NEWS = vocabulary({
  书记: 40,
  秘书: 4,
  党: 30,
  聚会: 1,
  党委书记: 3,
  新能源: 6,
  能源: 9,
  汽车: 12,
  政府: 20,
  工业: 15,
  产值: 7,
  永川: 25,
  永川区: 2,
  大足: 9,
  潼南: 5,
  张志奎: 3,
  习近平: 8,
  我们: 30,
  妇女: 2,
  投资: 11,
  增长: 30,
  '2024': 14,
  亿元: 9,
  万元: 6,
  万亿元: 1,
  '1.2': 2,
  '15.6': 1,
  万辆: 1,
  '8.5%': 1,
  '3000': 2,
  '3': 10,
  月: 40,
  '3月': 1,
  gdp: 2,
});

describe('lazy loading', () => {
  it('loads the dictionary on the first English question only, then reuses it', () => {
    configureEnglishLexicon({ cacheDir });
    expect(englishLexiconLoaded()).toBe(false);
    englishLexiconVersion(); // the manifest's version does not load the lexicon either
    expect(englishLexiconLoaded()).toBe(false);
    const tr = translateQuestion('What did the government say?', NEWS);
    expect(englishLexiconLoaded()).toBe(true);
    expect(termsOf(tr, 'government')).toContain('政府');
    const stats = loadEnglishLexicon();
    expect(stats.source).toBe('built+cached');
    expect(stats.glossKeys).toBeGreaterThan(50_000);
    expect(readdirSync(cacheDir)).toEqual([`english-lexicon-${englishLexiconVersion()}.json`]);
  });

  it('reads the built index from the disk cache after a restart, with the same translations', () => {
    const before = translateQuestion('How many new energy vehicles did Yongchuan produce?', NEWS);
    unloadEnglishLexicon();
    expect(englishLexiconLoaded()).toBe(false);
    const stats = loadEnglishLexicon();
    expect(stats.source).toBe('cache');
    expect(stats.cacheError).toBeUndefined();
    expect(translateQuestion('How many new energy vehicles did Yongchuan produce?', NEWS)).toEqual(before);
    // The cached form keeps which words are names only: 江水 is river water, 重庆 a city.
    expect(isCommonWord('江水')).toBe(true);
    expect(isCommonWord('重庆')).toBe(false);
  });

  it('names its version by content: a hex hash, stable across calls', () => {
    const v = englishLexiconVersion();
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(englishLexiconVersion()).toBe(v);
    expect(existsSync(path.join(cacheDir, `english-lexicon-${v}.json`))).toBe(true);
  });
});

describe('gloss lookup', () => {
  it('prefers a multi-word gloss to its words', () => {
    const tr = translateQuestion('Who is the party secretary?', NEWS);
    expect(termsOf(tr, 'party secretary')).toContain('书记');
    expect(group(tr, 'party')).toBeUndefined();
    expect(group(tr, 'secretary')).toBeUndefined();
    expect(tr.terms.map((t) => t.term)).not.toContain('聚会');
  });

  it('reads a meeting chaired or presided over as Chinese news writes it (主持)', () => {
    const news = vocabulary({ 主持: 3, 会议: 9, 主席: 1 });
    expect(termsOf(translateQuestion('Who chaired the meeting?', news), 'chaired')).toContain('主持');
    expect(termsOf(translateQuestion('Who presided over the meeting?', news), 'presided')).toContain('主持');
  });

  it('reads a figure set against last year\'s as a year-on-year change (同比), not as a question about last year', () => {
    const news = vocabulary({ 同比: 5, 去年: 2, 天数: 1 });
    const tr = translateQuestion('How many days, and how does that compare with last year?', news);
    expect(termsOf(tr, 'compare with last year')).toContain('同比');
    expect(tr.terms.map((t) => t.term)).not.toContain('去年');
    expect(termsOf(translateQuestion('How many days were there last year?', news), 'last year')).toContain('去年');
  });

  it('reads technical upgrading, money put in and paying visitors as Chinese news writes them (技改, 投入, 购票游客)', () => {
    const news = vocabulary({ 技改: 3, 投入: 4, 购票游客: 1, 游客: 2 });
    const tr = translateQuestion('How much has the group invested in technical upgrading?', news);
    expect(termsOf(tr, 'technical upgrading')).toContain('技改');
    expect(termsOf(tr, 'invested')).toContain('投入');
    expect(termsOf(translateQuestion('How many paying visitors came?', news), 'paying visitors')).toContain('购票游客');
  });

  it('reads a year dating the piece asked about ("the 2023 commentary") as no period of the fact', () => {
    const news = vocabulary({ 2023: 3, 评论: 2, 产业: 5 });
    const terms = (q: string) => translateQuestion(q, news).terms.map((t) => t.term);
    expect(terms('According to the 2023 commentary, which industries should grow?')).not.toContain('2023');
    expect(terms('Which industries grew in 2023?')).toContain('2023');
  });

  it('reads project phases and film studios as Chinese news writes them (二期, 片场)', () => {
    const news = vocabulary({ 二期: 3, 片场: 4, 阶段: 5, 工作室: 2 });
    const tr = translateQuestion('How large will the film studio be after phase two?', news);
    expect(termsOf(tr, 'phase two')).toEqual(['二期']);
    expect(termsOf(tr, 'film studio')).toContain('片场');
  });

  it('gives several candidates for a word as one group, weighted by how much the coverage uses them', () => {
    const tr = translateQuestion('Which secretary?', NEWS);
    const g = group(tr, 'secretary');
    expect(g?.via).toBe('gloss');
    expect(termsOf(tr, 'secretary')).toEqual(expect.arrayContaining(['书记', '秘书']));
    expect(weightOf(tr, 'secretary', '书记')).toBe(1);
    expect(weightOf(tr, 'secretary', '秘书')!).toBeLessThan(1);
    // Every term of the group carries the group's id.
    expect(new Set(g!.terms.map((t) => t.group))).toEqual(new Set([g!.id]));
  });

  it('uses the pieces of a dictionary word the index only has in parts', () => {
    const tr = translateQuestion('new energy vehicles', NEWS);
    expect(termsOf(tr, 'new energy vehicles')).toEqual(expect.arrayContaining(['新能源', '汽车']));
    // 能源 is inside 新能源: not a separate alternative.
    expect(termsOf(tr, 'new energy vehicles')).not.toContain('能源');
  });

  it('reads inflected words through their base forms (irregular ones too)', () => {
    const tr = translateQuestion('Investments grew', NEWS);
    expect(termsOf(tr, 'Investments')).toContain('投资');
    expect(termsOf(tr, 'grew')).toContain('增长');
  });

  it('drops candidates the coverage never uses and reports words that translate into none', () => {
    const tr = translateQuestion('What about bitcoin and xqzzyv?', NEWS);
    expect(tr.uncovered).toEqual(['bitcoin']);
    expect(tr.unknown).toEqual(['xqzzyv']);
    expect(tr.groups).toEqual([]);
  });

  it('keeps Latin-script terms the coverage itself uses', () => {
    const tr = translateQuestion('GDP', vocabulary({ gdp: 3 }));
    expect(tr.terms.map((t) => t.term)).toEqual(['gdp']);
  });
});

describe('names by pinyin', () => {
  it('matches place names of the coverage, with a district suffix', () => {
    const tr = translateQuestion('What happened in Yongchuan District and Dazu?', NEWS);
    const g = group(tr, 'Yongchuan District');
    expect(g?.via).toBe('pinyin');
    expect(termsOf(tr, 'Yongchuan District')).toEqual(expect.arrayContaining(['永川区', '永川']));
    expect(termsOf(tr, 'Dazu')).toEqual(['大足']);
    expect(group(tr, 'District')).toBeUndefined();
  });

  it('matches people written as two words, and names in possessives', () => {
    const tr = translateQuestion("Did Zhang Zhikui meet Xi Jinping in Tongnan's villages?", NEWS);
    expect(termsOf(tr, 'Zhang Zhikui')).toEqual(['张志奎']);
    expect(termsOf(tr, 'Xi Jinping')).toEqual(['习近平']);
    expect(termsOf(tr, 'Tongnan')).toEqual(['潼南']);
  });

  it('reads an English word in lower case as English, not as pinyin', () => {
    const tr = translateQuestion('What did the women say?', NEWS);
    expect(tr.terms.map((t) => t.term)).not.toContain('我们');
    expect(termsOf(tr, 'women')).toContain('妇女');
  });

  it('matches a name general Chinese uses often when the dictionary knows it as a place, not any common word', () => {
    const vocab = vocabulary({ 重庆: 60, 程度: 4, 柠檬: 3 });
    expect(termsOf(translateQuestion('lemons in Chongqing', vocab), 'Chongqing')).toEqual(['重庆']);
    expect(translateQuestion('Chengdu', vocab).terms.map((t) => t.term)).not.toContain('程度'); // sounds alike, not a name
  });

  it("notes a place of the region's gazetteer the coverage never names, and only then", () => {
    expect(translateQuestion('Who is the mayor of Wanzhou?', vocabulary({ 区长: 3 })).absentPlaces).toEqual(['万州']);
    expect(translateQuestion('Who is the mayor of Wanzhou?', vocabulary({ 区长: 3, 万州: 2 })).absentPlaces).toEqual([]);
    expect(translateQuestion('Who is the mayor of wanzhou?', vocabulary({ 区长: 3 })).absentPlaces).toEqual([]); // not written as a name
  });

  it('builds the pinyin map from terms of at least two Chinese characters only', () => {
    const tr = translateQuestion('Yong', vocabulary({ 永: 5 }));
    expect(tr.groups).toEqual([]);
  });
});

describe('numbers and units', () => {
  it('carries years over as written and with 年', () => {
    const tr = translateQuestion('in 2024', vocabulary({ '2024': 3, '2024年': 1 }));
    expect(group(tr, '2024')?.via).toBe('number');
    expect(termsOf(tr, '2024')).toEqual(['2024', '2024年']);
  });

  it('writes amounts in 万 and 亿 as the coverage does', () => {
    const tr = translateQuestion('1.2 trillion yuan, 156,000 vehicles, 30 million yuan and 8.5 percent', NEWS);
    expect(termsOf(tr, '1.2 trillion yuan')).toEqual(expect.arrayContaining(['1.2', '万亿元']));
    expect(termsOf(tr, '156,000 vehicles')).toEqual(expect.arrayContaining(['15.6', '万辆']));
    expect(termsOf(tr, '30 million yuan')).toEqual(expect.arrayContaining(['3000', '万元']));
    expect(termsOf(tr, '8.5 percent')).toEqual(['8.5%']);
  });

  it('translates a bare magnitude with its unit', () => {
    const tr = translateQuestion('billion yuan', NEWS);
    expect(termsOf(tr, 'billion yuan')).toContain('亿元');
  });

  it('turns months into Chinese dates', () => {
    const tr = translateQuestion('What happened in March?', NEWS);
    expect(termsOf(tr, 'March')).toEqual(expect.arrayContaining(['3月']));
  });

  const DATES = vocabulary({ '2月21日': 1, '21日': 2, '2月': 3, '21': 2, '5月': 1, 会议: 5 });
  it.each([
    ['on February 21', 'February 21'],
    ['on 21 February', '21 February'],
    ['on the 21st of February', '21st of February'],
  ])('reads a day on either side of its month (%s)', (tail, from) => {
    const tr = translateQuestion(`Who chaired the meeting ${tail}?`, DATES);
    expect(termsOf(tr, from)).toEqual(expect.arrayContaining(['2月21日', '21日', '2月']));
  });

  it('leaves a number before a word that is no month as a number', () => {
    const tr = translateQuestion('How many of 21 companies moved in May?', DATES);
    expect(termsOf(tr, '21 companies')).toEqual(['21']);
    expect(termsOf(tr, 'May')).toEqual(expect.arrayContaining(['5月']));
  });
});

describe('question words', () => {
  it.each([
    ['How many companies moved?', 'count'],
    ['When did the plant open?', 'date'],
    ['In what year did it open?', 'date'],
    ['Who is the mayor?', 'person'],
    ['Where is the new plant?', 'place'],
    ['What percentage of output is exported?', 'percent'],
    ['Why did output fall?', 'reason'],
    ['Did output fall?', 'yesno'],
  ] as const)('%s → %s', (q, type) => {
    expect(translateQuestion(q, NEWS).answerType).toBe(type);
  });

  it('translates no question or filler word', () => {
    const tr = translateQuestion('What year was it, and how many were there?', NEWS);
    expect(tr.groups).toEqual([]);
    expect(tr.unknown).toEqual([]);
  });
});

describe('CC-CEDICT reverse index', () => {
  it('normalises glosses into keys', () => {
    expect(glossKeys('to produce (sth)')).toEqual([{ key: 'produce', quality: 0.9 }]);
    expect(glossKeys('party secretary')).toEqual([{ key: 'party secretary', quality: 1 }]);
    expect(glossKeys('hundred million; (fig.) enormous quantity').map((k) => k.key)).toEqual(['hundred million', 'enormous quantity']);
    expect(glossKeys('see 永川區|永川区[Yong3 chuan1 Qu1]')).toEqual([]);
    expect(glossKeys('surname Zhang')).toEqual([]);
    expect(glossKeys('a very long explanation of what this word means')).toEqual([]);
    expect(glossKeys('(archaic) to till')[0]!.quality).toBeLessThan(0.9);
  });

  it('ranks an entry’s first sense above its later ones and skips non-Chinese headwords', () => {
    const index = GlossIndex.fromEntries([
      { simplified: '甲', glosses: ['output', 'other'] },
      { simplified: '乙', glosses: ['something', 'else', 'output'] },
      { simplified: '%', glosses: ['output'] },
    ]);
    const hits = index.lookup('output');
    expect(hits.map((h) => h.headword).sort()).toEqual(['乙', '甲']);
    expect(hits.find((h) => h.headword === '甲')!.quality).toBeGreaterThan(hits.find((h) => h.headword === '乙')!.quality);
  });

  it('finds the words glossed alike in the first sense of both, through glosses of few words, through the compact form too', () => {
    const index = GlossIndex.fromEntries([
      { simplified: '房子', glosses: ['house; building'] },
      { simplified: '房屋', glosses: ['house; building'] },
      { simplified: '扩建', glosses: ['to extend (a factory)'] },
      { simplified: '推广', glosses: ['to spread', 'to extend'] }, // "extend" is its second sense
      ...['甲', '乙', '丙', '丁'].map((c) => ({ simplified: c + '物', glosses: ['thing'] })),
    ]);
    const back = GlossIndex.fromCompact(JSON.parse(JSON.stringify(index.toCompact())));
    for (const i of [index, back]) {
      expect(i.synonyms('房子')).toEqual(['房屋']);
      expect(i.synonyms('扩建')).toEqual([]);
      expect(i.synonyms('甲物').sort()).toEqual(['丁物', '丙物', '乙物']);
      expect(i.synonyms('甲物', 3)).toEqual([]); // "thing" glosses four words: too many to mean the same
      expect(i.synonyms('未知')).toEqual([]);
    }
  });

  it('tells a common word from a word it reads only as a name, by the case of its pinyin, through the compact form too', () => {
    const index = GlossIndex.fromEntries([
      { simplified: '江水', pinyin: 'jiang1 shui3', glosses: ['river water'] },
      { simplified: '甲城', pinyin: 'Jia3 cheng2', glosses: ['Jiacheng, a city'] },
      { simplified: '长城', pinyin: 'Chang2 cheng2', glosses: ['the Great Wall'] },
      { simplified: '长城', pinyin: 'chang2 cheng2', glosses: ['a long wall'] },
      { simplified: '丙州', pinyin: 'Bing3 zhou1', glosses: ['see 丙州市|丙州市[Bing3 zhou1 Shi4]'] }, // a cross-reference only
    ]);
    const back = GlossIndex.fromCompact(JSON.parse(JSON.stringify(index.toCompact())));
    for (const i of [index, back]) {
      // A name: any entry as a proper noun, even one that only points to another headword.
      expect([i.isName('甲城'), i.isName('长城'), i.isName('丙州'), i.isName('江水'), i.isName('乙镇')]).toEqual([true, true, true, false, false]);
      expect(i.isCommonWord('江水')).toBe(true);
      expect(i.isCommonWord('甲城')).toBe(false); // a proper noun only
      expect(i.isCommonWord('长城')).toBe(true); // a common reading too
      expect(i.isCommonWord('乙镇')).toBe(false); // not in the dictionary
    }
  });

  it('round-trips through its compact form and rejects a malformed one with a clear error', () => {
    const index = GlossIndex.fromEntries([{ simplified: '产值', glosses: ['output value'] }]);
    const back = GlossIndex.fromCompact(JSON.parse(JSON.stringify(index.toCompact())));
    expect(back.lookup('output value')).toEqual(index.lookup('output value'));
    expect(() => GlossIndex.fromCompact({ format: 99 })).toThrow(CedictDataError);
    expect(() => GlossIndex.fromCompact(null)).toThrow(/not in the expected format/);
  });
});
