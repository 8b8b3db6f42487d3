// The answer rules, each on small synthetic cases (never on aggregate figures of a question set):
// query analysis, homophone typos, the bigram index, the signals a passage is judged by, the bold
// sentence, the decision and its fitting.
import { describe, expect, it } from 'vitest';
import type { Article, Chunk } from '../src/corpus/types.js';
import { chooseCutOffs, fitLogistic, isotonic, predict, wilsonLower, type Example } from '../src/eval/fit.js';
import { BIGRAM_FIELD_WEIGHTS, LexicalIndex } from '../src/index/lexical.js';
import { absentNames, conflicts, withoutScene, questionParts, refersBack, rivalFirst, slipFor, summarisedIn, withAddressedHolders } from '../src/search/answer.js';
import { confidenceOf, statusOf } from '../src/search/decide.js';
import { DEFAULT_RANKING } from '../src/search/knobs.js';
import { passageScore, retrievalWithContext } from '../src/search/rank.js';
import { analyzeQuery, standardQuestionWords } from '../src/search/query.js';
import { aboutHeadline, aboutReporting, asksPhotographer, districtFigureIn, growthUntold, holdsAnswer, judge, onlyVagueTime, pickSentence, placeTold, pointsBackTo, rateBeforeFocus, sameSubject, withRelativeYears, wordStats, yearOfReport } from '../src/search/support.js';
import { abbreviations, resolveUnknownWords, shortenings } from '../src/search/unknown.js';
import { queryFromTranslation } from '../src/search/translate.js';
import { CHINESE, makeLexicon } from '../src/text/lexicon.js';
import { HomophoneFinder, pinyinKey } from '../src/text/pinyin.js';
import { bigramTerms, terms } from '../src/text/segment.js';

const knobs = DEFAULT_RANKING.support;

/** A one-paragraph article and its single chunk. */
function passage(text: string, section = '', title = '合成报道'): { article: Article; chunk: Chunk } {
  const article: Article = { meta: { file: 'x.txt', title, paper: '', date: '' }, text, blocks: [{ kind: 'paragraph', text, start: 0, end: text.length, section }], hash: 'h' };
  return { article, chunk: { id: 0, file: 'x.txt', text, start: 0, end: text.length, section, block: 0 } };
}

/** An article of two paragraphs, as a report prints them, and its judge for a passage of (part of) it. */
function twoParagraphs(first: string, second: string, chunkOf: 'both' | 'second') {
  const text = `${first}\n${second}`;
  const article: Article = {
    meta: { file: 'x.txt', title: '合成报道', paper: '', date: '' },
    text,
    blocks: [
      { kind: 'paragraph', text: first, start: 0, end: first.length, section: '' },
      { kind: 'paragraph', text: second, start: first.length + 1, end: text.length, section: '' },
    ],
    hash: 'h',
  };
  const chunk: Chunk =
    chunkOf === 'both'
      ? { id: 0, file: 'x.txt', text, start: 0, end: text.length, section: '', block: 0 }
      : { id: 1, file: 'x.txt', text: second, start: first.length + 1, end: text.length, section: '', block: 1 };
  const judgeOf = (question: string) => {
    const q = analyzeQuery(question, CHINESE);
    return judge(q, wordStats(q, () => 1, knobs), chunk, article, CHINESE, knobs);
  };
  return { text, article, judgeOf };
}

function judged(question: string, text: string, df: (t: string) => number = () => 1, docCount = 0) {
  const q = analyzeQuery(question, CHINESE);
  const words = wordStats(q, df, knobs, docCount);
  const { article, chunk } = passage(text);
  return judge(q, words, chunk, article, CHINESE, knobs);
}

/** The question analysed, its unknown words resolved against a coverage of these texts (homophones, abbreviations). */
function resolvedOver(texts: string[], question: string) {
  const lexical = LexicalIndex.build(texts.map((text, id) => ({ id, text, section: '', title: '' })));
  return resolveUnknownWords(analyzeQuery(question, CHINESE), { lexical, homophones: new HomophoneFinder(() => lexical.vocabulary()), lexicon: CHINESE });
}

describe('the lexicon', () => {
  it('has a content hash that changes with any word list', () => {
    const other = makeLexicon({ ...CHINESE, posts: [...CHINESE.posts, '馆长'] });
    expect(CHINESE.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(other.hash).not.toBe(CHINESE.hash);
    expect(makeLexicon({ ...CHINESE }).hash).toBe(CHINESE.hash);
  });
});

describe('query analysis', () => {
  it('takes a small count of list items for the same count written another way (三个: 3大, 三项 …)', () => {
    const aliases = (question: string, word: string) => analyzeQuery(question, CHINESE).words.find((w) => w.word === word)?.aliases ?? [];
    expect(aliases('甲区要培养的三个新兴产业是什么？', '三个')).toEqual(expect.arrayContaining(['3大', '三大', '3项', '三类']));
    expect(aliases('甲区要培养的两个产业是什么？', '两个')).toEqual(expect.arrayContaining(['2大', '二项']));
    expect(aliases('甲区要培养的三个新兴产业是什么？', '三个')).not.toContain('三个');
  });

  it('weighs a rare noun of one character (硒) as a word, a common one (人) or an administrative level (市) as little', () => {
    const weight = (question: string, word: string) => analyzeQuery(question, CHINESE).words.find((w) => w.word === word)?.weight ?? 0;
    expect(weight('甲区的土壤含硒比例是多少？', '硒')).toBeGreaterThan(2);
    expect(weight('甲区有多少人？', '人')).toBe(0.5);
    expect(weight('市生态环境局的局长是谁？', '市')).toBe(0.5);
  });

  it('drops a post standing for any post when it only frames the answer: which body a person the question names heads', () => {
    for (const question of ['甄琦是哪个单位的负责人？', '甄琦是哪个部门的领导？']) {
      const q = analyzeQuery(question, CHINESE);
      expect(q.words.map((w) => w.word)).not.toContain(question.includes('负责人') ? '负责人' : '领导');
      expect(q.searchTerms.filter((t) => ['负责人', '负责', '责人', '领导'].includes(t))).toEqual([]);
    }
    // No one named: the quoted person in charge is what the passage must hold.
    expect(analyzeQuery('哪家企业的负责人说要扩大出口？', CHINESE).words.map((w) => w.word)).toContain('负责人');
    expect(analyzeQuery('甲项目负责人是谁？', CHINESE).words.map((w) => w.word)).toContain('负责人');
  });

  it("asks no post of a named person's post to be confirmed (甄琦是…局长吗): the passage naming them answers, deputy or not", () => {
    // …or to be chosen among (局长，还是副局长？).
    for (const question of ['甄琦是甲区统计局的局长吗？', '甄琦是不是甲区统计局局长？', '甄琦在文中的职务是甲区统计局局长，还是副局长？']) {
      expect(analyzeQuery(question, CHINESE).posts).toEqual([]);
      expect(judged(question, '甲区统计局党组副书记、副局长甄琦表示，将做好统计工作。').postMismatch).toBe(false);
    }
    // No one named, or not a yes-no question: the post is the one asked.
    expect(analyzeQuery('甲区统计局的局长是谁？', CHINESE).posts).not.toEqual([]);
    expect(analyzeQuery('甲区统计局局长说了什么？', CHINESE).posts).not.toEqual([]);
    expect(judged('甲区统计局的局长是谁？', '甲区统计局党组副书记、副局长甄琦表示，将做好统计工作。').postMismatch).toBe(true);
  });

  it('asked of two holders joined by 和 (甲区区委书记和乙公司的总经理), takes a passage naming one of them', () => {
    const passage = '乙公司总经理王五表示，将加快技术改造。';
    expect(judged('甲区区委书记和乙公司的总经理分别说了什么？', passage).postMismatch).toBe(false);
    expect(judged('甲区区委书记说了什么？', passage).postMismatch).toBe(true); // the one asked is not there
    expect(judged('甲区区委书记说了什么，乙公司的总经理呢？', passage).postMismatch).toBe(true); // not joined
  });

  it('keeps content words, drops question words and particles', () => {
    const q = analyzeQuery('请问甲乙公司的董事长是谁呢？', CHINESE);
    const words = q.words.map((w) => w.word);
    expect(words).toContain('董事长');
    for (const filler of ['请问', '是', '谁', '呢', '的']) expect(words).not.toContain(filler);
    expect(q.searchTerms).not.toContain('谁');
    // Interrogative quantities ask, they do not describe (jieba glues some of them).
    for (const question of ['水质保持在几类？', '各有几家企业？', '建了哪几座厂？']) {
      expect(analyzeQuery(question, CHINESE).words.map((w) => w.word).filter((w) => /几|哪/.test(w))).toEqual([]);
    }
    // A noun naming the kind of answer (什么量级: a magnitude) frames the question; the passage gives the figure.
    expect(analyzeQuery('甲市地区生产总值到了什么量级？', CHINESE).words.map((w) => w.word)).not.toContain('量级');
    expect(judged('甲市地区生产总值到了什么量级？', '甲市地区生产总值迈上8万亿级新台阶。').focusMissing).toBe(false);
  });

  it('knows the kind of answer asked for', () => {
    expect(analyzeQuery('会议是哪天开的？', CHINESE).answerType.when).toBe(true);
    expect(analyzeQuery('一共有多少家企业？', CHINESE).answerType).toMatchObject({ count: true, measure: '家' });
    expect(analyzeQuery('厂长是谁？', CHINESE).answerType.who).toBe(true);
    expect(analyzeQuery('门票多少钱？', CHINESE).answerType.money).toBe(true);
    // A sum asked in 万元 / 亿元 asks money: a figure in tonnes does not answer it.
    expect(analyzeQuery('货物总价值是多少亿元？', CHINESE).answerType.money).toBe(true);
    expect(analyzeQuery('投资了多少个亿？', CHINESE).answerType.money).toBe(true);
    // A money word in a clause that asks nothing sets the scene.
    expect(analyzeQuery('我开了个小店想贷款，甲银行在甲区算什么地位？', CHINESE).answerType.money).toBe(false);
    expect(analyzeQuery('我开了个小店，甲银行发放了多少贷款？', CHINESE).answerType.money).toBe(true);
    expect(analyzeQuery('甲银行的贷款', CHINESE).answerType.money).toBe(true); // nothing asks: the whole question
    expect(analyzeQuery('货物总值是多少？', CHINESE).answerType.money).toBe(true);
    expect(analyzeQuery('运了多少万吨？', CHINESE).answerType.money).toBe(false);
    expect(analyzeQuery('主要做什么？', CHINESE).answerType).toMatchObject({ when: false, count: false, who: false, money: false });
    // Someone's words, also with words between 哪句 and 话.
    expect(analyzeQuery('行长说哪句总书记的话一直在他脑海里？', CHINESE).answerType.quote).toBe(true);
    expect(analyzeQuery('行长说的是哪句话？', CHINESE).answerType.quote).toBe(true);
    expect(analyzeQuery('那句话到底是啥子哦？', CHINESE).answerType.quote).toBe(true);
    expect(analyzeQuery('甲某在本子上写了句啥？', CHINESE).answerType.quote).toBe(true); // 句啥, 句什么: which words
  });

  it('takes the noun next to the interrogative as the focus, and names the posts asked for', () => {
    expect(analyzeQuery('甲乙公司的董事长是谁？', CHINESE).focus).toBe('董事长');
    expect(analyzeQuery('哪家车企投资了这个项目？', CHINESE).focus).toBe('车企');
    // After 哪 and a measure word, the noun that follows is asked for, even with a noun before the 哪.
    expect(analyzeQuery('甲市领导考察时去了哪所学校？', CHINESE).focus).toBe('学校');
    expect(analyzeQuery('甲区产业园已经引进了哪些无人机企业？', CHINESE).focus).toBe('企业'); // the head noun
    // A noun right after 多少 is the quantity asked.
    expect(analyzeQuery('甲区2022年规上工业一共产出了多少产值？', CHINESE).focus).toBe('产值');
    // The noun phrase after 什么, its adjectives and 的 aside: its head noun.
    expect(analyzeQuery('甲区班列运那批淀粉用的是什么新的运输模式？', CHINESE).focus).toBe('模式');
    expect(analyzeQuery('甲区班列运的淀粉是什么？', CHINESE).focus).not.toBe('模式');
    // …but 哪位 asks for a person, whom the noun after only describes.
    expect(analyzeQuery('甲市科技局是哪位领导表态的？', CHINESE).focus).not.toBe('领导');
    // Asked what post a named person holds, that person is the focus, not what they were doing.
    expect(analyzeQuery('刚看到张建华在讲话，他是什么职务？', CHINESE).focus).toBe('张建华');
    expect(analyzeQuery('城关镇党委书记是谁？', CHINESE).posts.some((p) => p.endsWith('书记'))).toBe(true);
  });

  it('takes the last of keywords typed apart as what is asked (they narrow down left to right)', () => {
    expect(analyzeQuery('荣昌 长租公寓 停车位', CHINESE).focus).toBe('停车位');
    expect(analyzeQuery('荣昌长租公寓', CHINESE).focus).toBeUndefined(); // one phrase asks nothing in particular
  });

  it('makes content bigrams without question words, and lets a place name stand without 区/县', () => {
    const q = analyzeQuery('永川区的人口有多少？', CHINESE);
    expect(q.bigramTerms).toContain('人口');
    expect(q.bigramTerms).not.toContain('多少');
    expect(q.words.find((w) => w.word.startsWith('永川'))?.aliases.concat(q.words.map((w) => w.word))).toContain('永川');
  });
});

describe('homophone typos', () => {
  const finder = new HomophoneFinder(() => ['威致', '潼南', '科技', '张智奎', '宋开颜']);

  it('folds the initials and finals IME users confuse', () => {
    expect(pinyinKey('四')).toBe(pinyinKey('是')); // s / sh
    expect(pinyinKey('潼南')).toBe(pinyinKey('同南'));
  });

  it('finds the coverage word that sounds alike and shares a character in place', () => {
    expect(finder.find('威智')).toEqual(['威致']);
    expect(finder.find('同南')).toEqual(['潼南']);
    expect(finder.find('张志奎')).toEqual(['张智奎']);
    // A given name slipped whole (the IME's word for zhiku), the surname in place.
    expect(finder.find('张质馈')).toEqual(['张智奎']);
  });

  it('does not match words that differ in sound or share no character in place', () => {
    expect(finder.find('威力')).toEqual([]);
    expect(finder.find('章质魁')).toEqual([]); // sounds alike, but no character in place
    expect(finder.find('张志魁')).toEqual(['张智奎']);
    expect(finder.find('张自强')).toEqual([]);
    expect(finder.find('铜难')).toEqual([]);
    expect(finder.find('科技')).toEqual([]); // a known word is not its own typo
  });

  it('a lone surname before a common word is a name typed with a slip (杜金融 → 杜金蓉), and no body of the post', () => {
    expect(analyzeQuery('甲区杜金融局长说了什么？', CHINESE).posts).toEqual(['局长']); // not 金融局长, a post of a finance bureau
    const q = resolvedOver(['甲区城市管理局局长杜金蓉表示，要绣好城市治理的针脚。', '乙区金融办召开会议。'], '甲区杜金融局长说了什么？');
    const name = q.words.find((w) => w.aliases.includes('杜金蓉'));
    expect(name?.word).toBe('杜金融');
    expect(name?.speaker).toBe(true); // it keeps the place of the surname it covers
    expect(analyzeQuery('甲区金融局长是谁？', CHINESE).posts).toEqual(['金融局长']);
  });

  it('a lone character jieba reads as a name starts a name typed with a slip, like a surname (晋/云山 → 缙云山)', () => {
    const q = resolvedOver(['北碚区缙云山生态搬迁安置点，村民观看新闻。', '乙区云山公园今日开放。'], '晋云山那边的村民在看什么？');
    expect(q.words.find((w) => w.aliases.includes('缙云山'))?.word).toBe('晋云山');
  });

  it('resolves an unknown question word through a window of the question (宋开言 → 宋开颜)', () => {
    const q = resolvedOver(['宋开颜表示要推动铁路开工建设。', '威致科技实现量产。'], '宋开言说要推动哪条铁路开工？');
    // jieba cuts the passage's name as 宋/开颜: the question's 开言 is resolved to the coverage's 开颜.
    expect(q.words.some((w) => w.aliases.includes('开颜'))).toBe(true);
    expect(q.searchTerms).toContain('开颜');
  });

  it('does not read a window reaching into a word typed right as a slip (防疫|方面 → 疫方面 is not 一方面)', () => {
    const texts = ['一方面要抓疫情防控，另一方面要稳经济。', '各方面工作有序推进。'];
    const aliases = (question: string) => resolvedOver(texts, question).words.flatMap((w) => w.aliases);
    expect(aliases('防疫方面要求落实什么？').filter((a) => a.startsWith('一方'))).toEqual([]);
    expect(aliases('甲区防疫方面工作怎么做？').filter((a) => a.startsWith('一方'))).toEqual([]);
    // A window inside the unknown words alone is still tried (宋开言说 → 开颜, the test above).
  });

  it('resolves an unknown word, or it with the word after it, to an abbreviation the coverage writes (固投, 规上)', () => {
    expect(abbreviations('固定资产投资')).toContain('固投');
    expect(abbreviations('规模以上')).toContain('规上');
    expect(abbreviations('永川')).toEqual([]); // too short to abbreviate
    expect(abbreviations('茶山竹海')).not.toContain('山海'); // an abbreviation starts as its word does
    const docs = ['一季度甲区固投增长8.1%。', '甲区规上工业企业达到300家。'];
    const q = resolvedOver(docs, '甲区一季度固定资产投资增长多少？');
    expect(q.words.some((w) => w.aliases.includes('固投'))).toBe(true);
    expect(q.searchTerms).toContain('固投');
    // The abbreviation of a word and the next stands for both, though the coverage knows the second (投资).
    const q2 = resolvedOver([...docs, '一季度全区重点项目完成投资21.7亿元。'], '甲区一季度固定资产投资增长多少？');
    expect(q2.words.find((w) => w.word === '投资')?.aliases).toContain('固投');
    expect(q2.words.find((w) => w.word === '固定资产')?.aliases).toContain('固投');
    // …and the sentence writing it holds the focus (投资): it is the one to bold.
    const sentences = ['数据显示，一季度甲区重点项目完成投资21.7亿元，投资完成率30.1%。', '一季度固投增长8.1%。'].map((text) => ({ text }));
    expect(pickSentence(q2, wordStats(q2, () => 1, knobs), sentences, CHINESE, knobs)).toBe(1);
    // The focus bonus alone: the sentence writing 投资 within 固投 holds the focus as much as one writing it whole.
    const heavyFocus = { ...knobs, focusBonus: 10 };
    const focusOnly = ['甲区投资环境持续优化。', '一季度固投增长8.1%。'].map((text) => ({ text }));
    expect(q2.focus).toBe('投资');
    expect(pickSentence(q2, wordStats(q2, () => 1, heavyFocus), focusOnly, CHINESE, heavyFocus)).toBe(1);
    // A word the coverage writes in full, and abbreviated elsewhere (a dictionary word, cut into the words inside it).
    const both = resolvedOver(['乙区推进技术改造。', '甲企业累计投入2.2亿元技改资金。'], '甲企业技术改造投了多少钱？');
    expect(both.words.find((w) => w.word === '技术改造')?.aliases).toContain('技改');
    expect(both.searchTerms).toContain('技改');
    // An ordinary word is no abbreviation: 成都+市长 does not stand for 都市 ("city") in 都市报.
    const city = resolvedOver(['渝西都市报记者报道。'], '成都市长是谁？');
    expect(city.words.flatMap((w) => w.aliases)).not.toContain('都市');
  });

  it('resolves a long name the coverage never writes to the abbreviation it does write (人民代表大会常务委员会 → 人大常委会)', () => {
    const writes = (...words: string[]) => (s: string) => words.includes(s);
    expect(shortenings('人民代表大会常务委员会', writes('人大常委会', '人大', '常委会'))).toEqual(['人大常委会']); // the longest
    expect(shortenings('发展和改革委员会', writes('发改委'))).toEqual(['发改委']);
    expect(shortenings('防汛抗旱指挥部', writes('防汛', '指挥部'))).toEqual([]); // a piece of it is no abbreviation
    expect(shortenings('永川', writes('永'))).toEqual([]); // too short
    const texts = ['甲区人大常委会党组书记、主任乙文海出席会议。', '甲区公路建设提速，节水型城市创建推进。'];
    const q = resolvedOver(texts, '甲区人民代表大会常务委员会主任是谁？');
    expect(q.words.flatMap((w) => w.aliases)).toContain('人大常委会');
    expect(q.searchTerms).toContain('人大常委会');
    // The post in the list after the organisation, as the coverage spells it: the holder; a deputy asked is not.
    const post = (question: string) => {
      const r = resolvedOver(texts, question);
      const { article, chunk } = passage(texts[0]!);
      return judge(r, wordStats(r, () => 1, knobs), chunk, article, CHINESE, knobs).postMismatch;
    };
    expect(post('甲区人民代表大会常务委员会主任是谁？')).toBe(false);
    expect(post('甲区人民代表大会常务委员会副主任是谁？')).toBe(true);
    // An ordinary word of its own is no abbreviation (公路 is commoner than 公交 or 线路); 节水 is one of 节约用水.
    expect(resolvedOver(texts, '甲区新开了几条公交线路？').words.flatMap((w) => w.aliases)).not.toContain('公路');
    expect(resolvedOver(texts, '甲区怎么推动节约用水？').words.flatMap((w) => w.aliases)).toContain('节水');
  });

  it('takes a word made of words the coverage writes for no typo: its windows (大主) do not become what they sound like (大足)', () => {
    const made = resolvedOver(['甲区人大常委会主任乙某参加会议。', '大足区石刻景区游客增长。'], '那位人大主任怎么评价这次会议？');
    expect(made.words.flatMap((w) => [w.word, ...w.aliases])).not.toContain('大足');
  });

  it('splits a word the coverage writes off a character jieba glued to it (李晓莉|任 of 李晓莉任什么职)', () => {
    const q = resolvedOver(['甲局党组副书记、副局长李晓莉表示，将推进建设。'], '李晓莉任什么职？');
    expect(q.words.map((w) => w.word)).toContain('李晓莉');
    expect(q.focus).toBe('李晓莉');
    expect(q.searchTerms).toContain('李晓莉');
  });

  it('…or off two characters (华心|门厂 of 华心门厂, a company the coverage names by 华心)', () => {
    const q = resolvedOver(['华心集团推进智能制造。', '甲区华心智能门项目实施设备更新。'], '华心门厂一扇门做出来要几十秒？');
    expect(q.words.map((w) => w.word)).toEqual(expect.arrayContaining(['华心', '门', '厂']));
    expect(q.searchTerms).toContain('华心');
  });

  it('asked in round figures (几十秒, 几百名), the measure word still tells what is counted', () => {
    expect(analyzeQuery('一扇门做出来要几十秒？', CHINESE).answerType.measure).toBe('秒');
    expect(analyzeQuery('甲厂有几百名工人？', CHINESE).answerType.measure).toBe('名');
    expect(analyzeQuery('甲厂有几百名工人？', CHINESE).words.map((w) => w.word)).not.toContain('几百名');
  });

  it('gives a word the coverage never uses the words the dictionary glosses alike that it does use', () => {
    const texts = ['甲区公寓规划建设780套房屋。', '乙区计划新实施改造项目50个。'];
    const lexical = LexicalIndex.build(texts.map((text, id) => ({ id, text, section: '', title: '' })));
    const synonyms = (w: string) => ({ 房子: ['房屋', '屋子'], 打算: ['计划', '方案'] })[w] ?? [];
    const lexicon = { ...CHINESE, english: { ...CHINESE.english, synonyms } };
    const q = resolveUnknownWords(analyzeQuery('甲区公寓一共多少套房子？', lexicon), { lexical, homophones: new HomophoneFinder(() => lexical.vocabulary()), lexicon });
    expect(q.words.find((w) => w.word === '房子')?.aliases).toEqual(['房屋']); // 屋子: not in the coverage
    expect(q.searchTerms).toContain('房屋');
    // A word the coverage uses keeps to itself.
    const q2 = resolveUnknownWords(analyzeQuery('乙区计划实施多少个项目？', lexicon), { lexical, homophones: new HomophoneFinder(() => lexical.vocabulary()), lexicon });
    expect(q2.words.find((w) => w.word === '计划')?.aliases).toEqual([]);
  });

  it('takes three words listed with 、 for the word of their first characters the coverage writes (海陆空)', () => {
    const aliases = (question: string) => resolvedOver(['甲区“海陆空”总运量达100万吨。'], question).words.map((w) => `${w.word}:${w.aliases.join('/')}`);
    expect(aliases('甲区走海路、陆路、空运一共运了多少？')).toEqual(expect.arrayContaining(['海路:海陆空', '陆路:海陆空', '空运:海陆空']));
    expect(aliases('甲区走海路、陆路一共运了多少？').join(' ')).not.toContain('海陆空'); // two are no such list
    expect(aliases('甲区走河路、陆路、空运一共运了多少？').join(' ')).not.toContain('河陆空'); // not in the coverage
    // A word written right before the list is no item of it.
    expect(aliases('全区海路、陆路、空运一共运了多少？')).toEqual(expect.arrayContaining(['全区:', '海路:海陆空']));
  });

  it('takes two phrases of two words joined by 和 for the word of their first characters the coverage writes (智改数转)', () => {
    const aliases = (question: string) => resolvedOver(['甲区推进传统产业“智改数转”项目。'], question).words.map((w) => `${w.word}:${w.aliases.join('/')}`);
    const both = aliases('甲区推动哪些企业完成智能化改造和数字化转型？');
    expect(both).toEqual(expect.arrayContaining(['智能化:智改数转', '改造:智改数转', '数字化:智改数转', '转型:智改数转']));
    expect(both.join(' ')).not.toMatch(/:(?:改数转|完智)/); // items are alike: two words each, not the word before them
    expect(aliases('甲区推动哪些企业完成智能化改造和转型？').join(' ')).not.toContain('智改'); // a phrase and a word
  });

  it('takes no much commoner word sharing a gloss for a synonym (节目 "show" is no 表示 "to show")', () => {
    const texts = ['甲某表示，项目已经完工。', '丙村的演出剧目很精彩。'];
    const lexical = LexicalIndex.build(texts.map((text, id) => ({ id, text, section: '', title: '' })));
    const synonyms = (w: string) => ({ 节目: ['表示', '剧目'] })[w] ?? [];
    const lexicon = { ...CHINESE, english: { ...CHINESE.english, synonyms } };
    const q = resolveUnknownWords(analyzeQuery('丙村有什么节目？', lexicon), { lexical, homophones: new HomophoneFinder(() => lexical.vocabulary()), lexicon });
    expect(q.words.find((w) => w.word === '节目')?.aliases).toEqual(['剧目']);
  });

  it('keeps whole an unknown word of characters the coverage never writes (卤鹅): it counts as missing', () => {
    const words = (texts: string[]) => resolvedOver(texts, '荣昌卤鹅一季度卖了好多钱？').words.map((w) => w.word);
    expect(words(['荣昌一季度重点项目完成投资21.7亿元。'])).toContain('卤鹅');
    // A character the coverage does write: a segmentation artefact, re-cut as before.
    expect(words(['荣昌一季度重点项目完成投资21.7亿元。', '卤味和鹅肉制品远销海外。'])).not.toContain('卤鹅');
  });

  it('takes a word as common as an ordinary word (全世界) for what the asker meant, not a slip (全世 → 全市)', () => {
    const q = resolvedOver(['全市手机产量增长。', '全球每20颗手机摄像头中即有一颗产自甲区。'], '全世界的手机镜头里甲区产的占多大比例？');
    expect(q.words.some((w) => w.aliases.includes('全市'))).toBe(false);
  });
});

describe('the bigram index', () => {
  it('matches an abbreviation or a typo in part, where whole words do not', () => {
    const docs = [
      { id: 1, text: '重庆威致科技有限公司的生产线', section: '', title: '' },
      { id: 2, text: '农业合作社的柠檬出口', section: '', title: '' },
    ];
    const index = LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms);
    expect(index.search(bigramTerms('威致科技公司'), 2)[0]!.id).toBe(1);
    expect(index.search(bigramTerms('柠檬出囗'), 2)[0]!.id).toBe(2); // 囗 for 口: an OCR slip
  });

  it('a field weighted 0 adds no postings, and searches stay independent of each other', () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({ id: i, text: i === 7 ? '南雁实业技改' : `重庆新闻第${i}篇报道`, section: '', title: '重庆报道' }));
    const index = LexicalIndex.build(docs, { text: 1, section: 0.3, title: 0 }, bigramTerms);
    expect(index.df('报道')).toBe(39); // the titles' 报道 were not indexed
    const first = index.search(bigramTerms('南雁实业'), 5);
    index.search(bigramTerms('重庆新闻报道'), 5); // touches most documents
    expect(index.search(bigramTerms('南雁实业'), 5)).toEqual(first);
    expect(first[0]!.id).toBe(7);
  });

  it('word terms keep the long word and the words inside it', () => {
    expect(terms('区委书记')).toEqual(expect.arrayContaining(['区委', '书记', '区委书记']));
  });
});

describe('names the coverage never mentions', () => {
  const docs = [
    { id: 1, text: '荣昌区委书记高洪波主持会议。长江和嘉陵江水质保持二类。', section: '', title: '' },
    { id: 2, text: '重庆合川区的柠檬出口到东盟国家。', section: '', title: '' },
    { id: 3, text: '成渝地区常住人口增长至9853.6万人。', section: '', title: '' },
  ];
  const c = { lexical: LexicalIndex.build(docs), bigrams: LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms), lexicon: CHINESE };
  const absent = (question: string) => absentNames(analyzeQuery(question, CHINESE), c);

  it('are found when neither the word nor any pair of its characters is in the coverage', () => {
    expect(absent('万州区委书记是谁？')).toEqual(['万州']);
    expect(absent('成都的柠檬出口了多少？')).toEqual(['成都']);
  });

  it('are not a fuller or shorter form of a name the coverage has, nor a name sharing a character pair', () => {
    expect(absent('荣昌区委书记是谁？')).toEqual([]);
    expect(absent('重庆市荣昌区的区委书记是谁？')).toEqual([]); // the text says 重庆 and 荣昌区
    expect(absent('合川柠檬出口到哪里？')).toEqual([]);
    expect(absent('东盟各国进口了多少柠檬？')).toEqual([]);
  });

  it('are not decisive when joined by 和 to a name the coverage has and the pair is one word there (成渝)', () => {
    expect(absent('成都和重庆合起来有多少人？')).toEqual([]); // 成 + 渝, the short name of 重庆
    expect(absent('成都和万州合起来有多少人？')).toEqual(['成都', '万州']);
    // No word of the pair: the name joined to a known one is absent all the same.
    expect(absent('荣昌和尼日利亚哪家企业签了协议？')).toEqual(['尼日利亚']);
    expect(absent('成都和荣昌合起来有多少人？')).toEqual(['成都']);
    // Written side by side, they are a pair as well.
    expect(absent('成都重庆这一片有多少人？')).toEqual([]);
    expect(absent('成都荣昌这一片有多少人？')).toEqual(['成都']);
    // The two ends of a route (成都到重庆的铁路: 成渝铁路) as well.
    expect(absent('成都到重庆的铁路运了多少人？')).toEqual([]);
    expect(absent('成都到荣昌的铁路运了多少人？')).toEqual(['成都']);
  });

  it('are not a country the coverage names only in a tie with China (中越班列 for 越南)', () => {
    const ties = [{ id: 1, text: '一列中越班列抵达甲县。', section: '', title: '' }];
    const c3 = { lexical: LexicalIndex.build(ties), bigrams: LexicalIndex.build(ties, BIGRAM_FIELD_WEIGHTS, bigramTerms), lexicon: CHINESE };
    expect(absentNames(analyzeQuery('从越南开来的班列到了哪里？', CHINESE), c3)).toEqual([]);
    expect(absentNames(analyzeQuery('从缅甸开来的班列到了哪里？', CHINESE), c3)).toEqual(['缅甸']);
  });

  it('are not common words the dictionary knows, whatever jieba tags them', () => {
    const q = analyzeQuery('万州那段江水的水质是几类？', CHINESE);
    const commonOnly = (word: string) => word === '江水';
    const lexicon = { ...CHINESE, english: { ...CHINESE.english, isCommonWord: commonOnly } };
    const docs = [{ id: 1, text: '荣昌区委书记高洪波主持会议。', section: '', title: '' }];
    const c2 = { lexical: LexicalIndex.build(docs), bigrams: LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms) };
    expect(q.words.find((w) => w.word === '江水')?.tag).toBe('ns'); // jieba calls it a place
    expect(absentNames(q, { ...c2, lexicon })).toEqual(['万州']);
    // Were it no common word and a name of the dictionary, it would be absent.
    expect(absentNames(q, { ...c2, lexicon: { ...lexicon, english: { ...CHINESE.english, isCommonWord: () => false, isName: (w: string) => w === '江水' } } })).toEqual(['万州', '江水']);
  });

  it('are names where jieba tags a place or a foreign name only when the dictionary or the gazetteer has them, or the place ends as places do', () => {
    const tagOf = (question: string, word: string) => analyzeQuery(question, CHINESE).words.find((w) => w.word === word)?.tag;
    expect(tagOf('荣昌的舞美团队有多少人？', '舞美')).toBe('ns'); // "stage art": no dictionary has it as a name
    expect(absent('荣昌的舞美团队有多少人？')).toEqual([]);
    expect(tagOf('听说他托人问过荣昌区委书记是谁？', '托人')).toBe('nrt'); // "ask someone to"
    expect(absent('听说他托人问过荣昌区委书记是谁？')).toEqual([]);
    expect(tagOf('石湖的水质是几类？', '石湖')).toBe('ns');
    expect(absent('石湖的水质是几类？')).toEqual(['石湖']); // ends as a lake's name does
    expect(absent('伊拉克的柠檬出口了多少？')).toEqual(['伊拉克']); // the dictionary's
    expect(absent('綦江的柠檬出口了多少？')).toEqual(['綦江']); // the gazetteer's
    const lexicon = { ...CHINESE, english: { ...CHINESE.english, isName: (w: string) => w === '舞美' } };
    expect(absentNames(analyzeQuery('荣昌的舞美团队有多少人？', CHINESE), { ...c, lexicon })).toEqual(['舞美']);
  });

  it('are a slip, not an absence, where the passage writes a like string in the same words around it', () => {
    const passage = '一列满载265吨老树木薯淀粉的班列抵达。';
    expect(slipFor('老挝', '拉老挝木薯淀粉的班列有啥特别？', passage)).toBe(true); // the three words after it
    expect(slipFor('老挝', '满载265吨老挝的班列呢？', '满载265吨老树的班列')).toBe(true); // the three before it
    expect(slipFor('泰国', '拉泰国木薯淀粉的班列有啥特别？', passage)).toBe(false); // no character in the same place
    expect(slipFor('老挝', '老挝木薯的班列？', passage)).toBe(false); // two words of context are not enough
    expect(slipFor('越南', '越南的木薯淀粉呢？', passage)).toBe(false); // other words around it
    // …or right next to a rare word the question writes within two characters of it.
    expect(slipFor('老挝', '从老挝拉木薯粉的班列呢？', passage, ['木薯'])).toBe(true);
    expect(slipFor('老挝', '从老挝拉木薯粉的班列呢？', passage)).toBe(false);
    expect(slipFor('老挝', '老挝那边也种木薯吗？', passage, ['木薯'])).toBe(false); // too far from it
  });

  it('are not a kind of person jieba tags as a name (家里人 "family"), unlike a name it tags alike (伊拉克)', () => {
    expect(analyzeQuery('家里人说荣昌区委书记是谁？', CHINESE).words.find((w) => w.word === '家里人')?.tag).toBe('nrt');
    expect(absent('家里人说荣昌区委书记是谁？')).toEqual([]);
    expect(absent('伊拉克的柠檬出口了多少？')).toEqual(['伊拉克']);
  });

  it('are not how the asker calls someone: a surname and a term of address (刘老板), 老/小 and a common word (老街坊)', () => {
    const lexicon = { ...CHINESE, english: { ...CHINESE.english, isCommonWord: (w: string) => w === '街坊' } };
    const absentHere = (question: string) => absentNames(analyzeQuery(question, CHINESE), { ...c, lexicon });
    expect(absentHere('隔壁刘老板说荣昌区委书记是谁？')).toEqual([]);
    expect(absentHere('我们老街坊说合川柠檬出口到哪里？')).toEqual([]);
    expect(absentHere('刘德华说荣昌区委书记是谁？')).toEqual(['刘德华']); // a name
  });

  it('are not world regions: a passage may name one of their countries', () => {
    expect(absent('柠檬卖到非洲了吗？')).toEqual([]);
    expect(absent('柠檬卖到南非了吗？')).toEqual(['南非']);
  });

  it('only in a sentence that asks nothing set the scene: they do not decline, unless the question points back at them', () => {
    expect(withoutScene(['太极'], '早上在公园打太极，大家都说空气好。一季度甲市优良天数有好多天？')).toEqual([]);
    expect(withoutScene(['万州'], '我在万州上班。那边GDP多少？')).toEqual(['万州']); // 那边 is 万州
    expect(withoutScene(['万州'], '万州区委书记是谁？')).toEqual(['万州']);
    expect(withoutScene(['万州'], '我在万州上班。万州GDP多少？')).toEqual(['万州']);
  });

  it('are not counted nouns, whatever their tag ("两条大江")', () => {
    expect(absent('两条大江的水质是几类？')).toEqual([]);
    expect(absent('甲区境内那两段大江的水质稳定在什么级别？')).toEqual([]); // 段 counts sections of a river
  });

  it('are not a predicate with a complement of degree (多得很), which jieba may guess to be a name', () => {
    const q = analyzeQuery('甲区买东西方便，大市场多得很。甲区有几个大型专业市场？', CHINESE);
    expect(q.words.find((w) => w.word === '多得很')?.tag).toMatch(/^nr/);
    expect(absent('甲区买东西方便，大市场多得很。甲区有几个大型专业市场？')).toEqual([]);
  });

  it('are not a character and a noun suffix (林子, 厂子), which jieba may tag as names', () => {
    const q = analyzeQuery('合川那片原始林子有什么特别？', CHINESE);
    expect(q.words.find((w) => w.word === '林子')?.tag).toMatch(/^nr/);
    expect(absent('合川那片原始林子有什么特别？')).toEqual([]);
  });

  it('are not words as common as ordinary words, which jieba\'s dictionary tags as names (容纳)', () => {
    const q = analyzeQuery('二期建成以后能同时容纳几个摄制组？', CHINESE);
    expect(q.words.find((w) => w.word === '容纳')?.tag).toBe('nr');
    expect(absent('二期建成以后能同时容纳几个摄制组？')).toEqual([]);
    expect(absent('万州区委书记是谁？')).toEqual(['万州']); // a place stays a place
    // …or as an ancient person's name (nrfg): 连成 "joined into".
    expect(analyzeQuery('甲乙两地连成的那片区域住着多少人？', CHINESE).words.find((w) => w.word === '连成')?.tag).toBe('nrfg');
    expect(absent('甲乙两地连成的那片区域住着多少人？')).toEqual([]);
  });

  it('are not phrases of common words that jieba tags as a person (蓝天白云), while a name stays a name', () => {
    const q = analyzeQuery('甲市一季度蓝天白云的日子有多少天？', CHINESE);
    expect(q.words.find((w) => w.word === '蓝天白云')?.tag).toBe('nr');
    expect(absent('甲市一季度蓝天白云的日子有多少天？')).toEqual([]);
    expect(absent('上官婉儿说了啥？')).toEqual(['上官婉儿']); // a name's pieces are no common words
  });

  it('are not terms of address, which jieba tags as names (高洪波阿姨)', () => {
    const q = analyzeQuery('荣昌那个高洪波阿姨主持的什么会？', CHINESE);
    expect(q.words.find((w) => w.word === '阿姨')?.tag).toMatch(/^nr/);
    expect(absent('荣昌那个高洪波阿姨主持的什么会？')).toEqual([]);
    // (阿姨 is rarer in general language than an ordinary word: without the dictionary, only the list of
    // terms of address knows it)
    const english = { ...CHINESE.english, isCommonWord: () => false };
    expect(absentNames(q, { ...c, lexicon: makeLexicon({ ...CHINESE, addressTerms: [], english }) })).toEqual(['阿姨']);
    expect(absentNames(q, { ...c, lexicon: makeLexicon({ ...CHINESE, english }) })).toEqual([]);
  });
});

describe('what a passage is judged by', () => {
  it('asked what a named speaker said, holds an answer where the speaker speaks, not where they are introduced', () => {
    expect(judged('潘主任怎么评价这次会议？', '潘文海说，此次会议准备充分，主题鲜明。').typeExact).toBe(true);
    expect(judged('潘主任怎么评价这次会议？', '甲区人大常委会主任潘文海出席会议。').typeExact).toBe(false);
    expect(judged('潘主任怎么评价这次会议？', '王文海说，此次会议准备充分。').typeExact).toBe(false); // another speaker
  });

  it('takes a holder named in the passage for the post the article introduces them with (潘主任 → 主任潘某某 … 潘某某说)', () => {
    const judgedIn = (question: string, intro: string) => {
      const quote = '潘文海说，此次会议准备充分，主题鲜明。';
      const text = `${intro}\n\n${quote}`;
      const article: Article = { meta: { file: 'x.txt', title: '合成', paper: '', date: '' }, text, blocks: [], hash: 'h' };
      const start = text.indexOf(quote);
      const q = analyzeQuery(question, CHINESE);
      return judge(q, wordStats(q, () => 1, knobs), { id: 0, file: 'x.txt', text: quote, start, end: text.length, section: '', block: 0 }, article, CHINESE, knobs);
    };
    expect(judgedIn('潘主任怎么评价这次会议？', '甲区人大常委会党组书记、主任潘文海出席会议。').postMismatch).toBe(false);
    expect(judgedIn('潘主任怎么评价这次会议？', '甲区人大常委会副主任潘文海出席会议。').postMismatch).toBe(true); // a deputy
    expect(judgedIn('潘书记怎么评价这次会议？', '甲区人大常委会主任潘文海出席会议。').postMismatch).toBe(true); // another post
    // jieba may cut the surname off the post (王/处长): still the holder's surname.
    expect(judgedIn('市经信委规划处潘处长怎么评价这次会议？', '市经信委规划处处长潘文海出席会议。').postMismatch).toBe(false);
    expect(judgedIn('市经信委规划处王处长怎么评价这次会议？', '市经信委规划处处长潘文海出席会议。').postMismatch).toBe(true);
    // 那位处长 points at the holder by the post alone: whoever the article introduces with it.
    expect(judgedIn('规划处那位处长怎么评价这次会议？', '市经信委规划处处长潘文海出席会议。').postMismatch).toBe(false);
    expect(judgedIn('规划处那位处长怎么评价这次会议？', '市经信委规划处副处长潘文海出席会议。').postMismatch).toBe(true); // a deputy
    expect(judgedIn('规划处那位书记怎么评价这次会议？', '市经信委规划处处长潘文海出席会议。').postMismatch).toBe(true); // another post
  });

  it('takes a holder named with a homophone slip that jieba cut from the surname (潘/文锋 for 潘文峰) for the one introduced', () => {
    const intro = '甲区人大常委会党组书记、主任潘文峰出席会议。';
    const quote = '潘文峰说，此次会议准备充分，主题鲜明。';
    const text = `${intro}\n\n${quote}`;
    const article: Article = { meta: { file: 'x.txt', title: '合成', paper: '', date: '' }, text, blocks: [], hash: 'h' };
    const judgedAs = (question: string) => {
      const q = resolvedOver([intro, quote], question);
      return judge(q, wordStats(q, () => 1, knobs), { id: 0, file: 'x.txt', text: quote, start: text.indexOf(quote), end: text.length, section: '', block: 0 }, article, CHINESE, knobs);
    };
    expect(resolvedOver([intro, quote], '人大常委会主任潘文锋怎么评价这次会议？').words.some((w) => w.aliases.includes('文峰'))).toBe(true);
    expect(judgedAs('人大常委会主任潘文锋怎么评价这次会议？').postMismatch).toBe(false);
    expect(judgedAs('人大常委会主任王文锋怎么评价这次会议？').postMismatch).toBe(true); // another surname
  });

  it('flags a modified post: 副书记 does not answer who the 书记 is', () => {
    expect(judged('甲镇党委书记是谁？', '甲镇党委副书记王某出席会议。').postMismatch).toBe(true);
    expect(judged('甲镇党委书记是谁？', '甲镇党委书记李某主持会议。').postMismatch).toBe(false);
    expect(judged('甲镇党委副书记是谁？', '甲镇党委副书记王某出席会议。').postMismatch).toBe(false);
    // The modified post asked, only the plain one written (after another modified one: 副书记、管委会主任).
    expect(judged('甲区管委会的副主任是谁？', '甲区党工委副书记、管委会主任王某表示。').postMismatch).toBe(true);
    expect(judged('甲镇那个书记叫啥？', '会议传达学习总书记重要讲话精神。').postMismatch).toBe(true); // 总书记 is another post
  });

  it('takes an abbreviated organisation for its full form (城管局 for 城市管理局), not for another body', () => {
    expect(judged('甲区城管局局长是谁？', '甲区城市管理局局长王某表示。').postMismatch).toBe(false);
    expect(judged('甲区城管局局长是谁？', '甲区城市管理局副局长王某表示。').postMismatch).toBe(true);
    expect(judged('甲区经信委主任是谁？', '甲区经济和信息化委员会主任王某表示。').postMismatch).toBe(false);
    // 永川区纪委 holds 永川区委's characters in order, but is another body.
    expect(judged('永川区委书记是谁？', '永川区纪委书记王某表示。').postMismatch).toBe(true);
  });

  it('takes the post as stated when the passage writes the question\'s post and name together, away from the quotation', () => {
    const text = '市经信委规划处处长王立刚在会上发言。\n\n王立刚说，下一步将实施“满天星”行动计划。';
    expect(judged('规划处处长王立刚说下一步要实施什么计划？', text).postMismatch).toBe(false);
    // Another post with the same name is no such pair.
    expect(judged('规划处副处长王立刚说下一步要实施什么计划？', text).postMismatch).toBe(true);
  });

  it('finds the post in the list of posts after the organisation, and takes 负责人 for any post', () => {
    expect(judged('甲区人大常委会主任是谁？', '甲区人大常委会党组书记、主任王某出席。').postMismatch).toBe(false);
    expect(judged('甲区人大常委会主任是谁？', '甲区人大常委会党组书记、副主任王某出席。').postMismatch).toBe(true);
    expect(judged('甲区人大常委会主任是谁？', '甲区人大常委会召开会议，区政府办公室主任李某列席。').postMismatch).toBe(true);
    expect(judged('研究院的负责人是谁？', '研究院院长、首席科学家金某表示。').postMismatch).toBe(false);
  });

  it('asks for the modified post when the question names one (jieba cuts 副书记 into 副/书记)', () => {
    const q = analyzeQuery('甲镇党委副书记是谁？', CHINESE);
    expect(q.posts).toEqual(['副书记']);
    expect(q.focus).toBe('副书记');
    expect(analyzeQuery('甲镇那个厂长叫啥来着？', CHINESE).answerType.who).toBe(true);
    expect(analyzeQuery('是哪个部门的领导在讲？', CHINESE).answerType.who).toBe(true);
    expect(analyzeQuery('是哪个部门的负责人在讲？', CHINESE).answerType.who).toBe(true);
    expect(analyzeQuery('是哪个部门在讲？', CHINESE).answerType.who).toBe(false);
  });

  it('does not find a post in a sentence naming only a modified one, when choosing the bold sentence', () => {
    const text = '甲镇会议传达学习总书记重要讲话精神。党委书记李大为主持会议。';
    expect(judged('甲镇的书记叫啥来着？', text).best.start).toBe(text.indexOf('党委书记'));
  });

  it('keeps a body jieba cuts into pieces with its post (发展/改革/委 主任), without the place before it', () => {
    expect(analyzeQuery('市发展改革委主任是哪位？', CHINESE).posts).toEqual(['发展改革委主任']);
    expect(judged('市发展改革委主任是哪位？', '甲高新区党工委副书记、管委会主任盛某表示，要抓好项目。').postMismatch).toBe(true);
    expect(judged('市发展改革委主任是哪位？', '市发展改革委主任李某表示，要抓好项目。').postMismatch).toBe(false);
    expect(judged('重庆市生态环境局局长是谁？', '市生态环境局局长余某表示，要抓好治污。').postMismatch).toBe(false);
  });

  it('flags a post of another district (梁平区委书记 for 巴南区委书记)', () => {
    expect(judged('巴南区委书记是谁？', '梁平区委书记钱建超表示，将坚决推动产业转型升级。').postMismatch).toBe(true);
    expect(judged('梁平区委书记是谁？', '梁平区委书记钱建超表示，将坚决推动产业转型升级。').postMismatch).toBe(false);
    // A post no district precedes may be the asked district's (its name is elsewhere in the article).
    expect(judged('巴南区委书记是谁？', '区委书记钱建超表示，将坚决推动产业转型升级。').postMismatch).toBe(false);
  });

  it('takes a surname and a post (杜局长) for the post followed by a full name of that surname, a deputy too', () => {
    expect(judged('甲区的杜局长说了什么？', '甲区城市管理局局长杜金容表示，要抓好城市治理。').postMismatch).toBe(false);
    expect(judged('甲区的杜局长说了什么？', '甲区城市管理局局长王小明表示，要抓好城市治理。').postMismatch).toBe(true);
    // People address a deputy so too (王局长 for 副局长王伟).
    expect(judged('甲区的杜局长说了什么？', '甲区城市管理局副局长杜金容表示，要抓好城市治理。').postMismatch).toBe(false);
    // The post may be the first of the person's titles (院长、首席科学家金石).
    expect(judged('甲研究院的金院长说了什么？', '甲研究院院长、首席科学家金石说，研究院取得了积极进展。').postMismatch).toBe(false);
    expect(judged('甲研究院的王院长说了什么？', '甲研究院院长、首席科学家金石说，研究院取得了积极进展。').postMismatch).toBe(true);
    // …and the name given in full before the post (金石院长): a title holding a surname's character (席 of
    // 首席) is not taken for the name.
    const said = '甲研究院院长、首席科学家金石说，研究院取得了积极进展。“接下来，我们将推动成果落地。”';
    expect(judged('甲研究院的金石院长说接下来怎么做？', said).postMismatch).toBe(false);
    expect(judged('甲研究院的金石副院长说接下来怎么做？', said).postMismatch).toBe(true); // a deputy
  });

  it('flags a figure for a year given by number when another year was asked by name (今年 in a 2024 article)', () => {
    const inYear = (question: string, text: string, date: string) => {
      const q = analyzeQuery(question, CHINESE);
      const { article, chunk } = passage(text);
      return judge(q, wordStats(q, () => 1, knobs), chunk, { ...article, meta: { ...article.meta, date } }, CHINESE, knobs).periodConflict;
    };
    const plan = '甲公司预计到2027年能形成轻量化产品50万套，产值130亿元。';
    expect(inYear('甲公司今年的产值能到多少亿？', plan, '2024-04-30')).toBe(true);
    expect(inYear('甲公司2027年的产值能到多少亿？', plan, '2024-04-30')).toBe(false); // no year by name
    expect(inYear('甲公司三年后的产值能到多少亿？', plan, '2024-04-30')).toBe(false);
    expect(inYear('甲公司去年的产值是多少？', '2023年，甲公司产值达到130亿元。', '2024-04-30')).toBe(false); // the same year
    expect(inYear('甲公司今年的产值能到多少亿？', plan, '')).toBe(false); // date unknown: no judgement
  });

  it('flags another period and another year', () => {
    expect(judged('二季度产值是多少？', '一季度产值达到120亿元。').periodConflict).toBe(true);
    expect(judged('一季度产值是多少？', '一季度产值达到120亿元。').periodConflict).toBe(false);
    // A period named as the base of a comparison (比去年) is not the period asked about.
    expect(judged('一季度优良天数比去年多了几天？', '今年一季度优良天数为75天，同比增加5天。').periodConflict).toBe(false);
    expect(judged('去年优良天数是多少？', '今年优良天数为75天，同比增加5天。').periodConflict).toBe(true);
    // A year written by number is the asked 去年 when the report is of the year after.
    const dated = (question: string, text: string, date: string) => {
      const q = analyzeQuery(question, CHINESE);
      const { article, chunk } = passage(text);
      return judge(q, wordStats(q, () => 1, knobs), chunk, { ...article, meta: { ...article.meta, date } }, CHINESE, knobs);
    };
    const runs = '今年3月，一列班列抵达甲站。2024年，甲区班列开行1804列。';
    expect(withRelativeYears(runs, '2025-04')).toContain('去年');
    expect(dated('甲区班列去年开行了多少列？', runs, '2025-04').periodConflict).toBe(false);
    expect(dated('甲区班列去年开行了多少列？', runs, '2026-04').periodConflict).toBe(true);
    expect(judged('2021年产值是多少？', '2022年产值达到120亿元。').numberMissing).toBe(true);
    expect(judged('2022年产值是多少？', '2022年产值达到120亿元。').numberMissing).toBe(false);
    // Two years asked: a passage holding one of them does not miss "the" number.
    expect(judged('2022年产值和2024年投入各是多少？', '2022年产值达到120亿元。').numberMissing).toBe(false);
  });

  it('holds a month asked that the text reaches by counting from a month it names (2月…一个月后 is 3月)', () => {
    const text = '今年2月，甲公司与乙国企业签署合作协议。仅仅一个月后，丙国企业负责人也来甲区考察，双方将在贸易领域合作。';
    expect(judged('丙国企业负责人3月份来甲区考察后，打算在哪些领域合作？', text).numberMissing).toBe(false);
    expect(judged('丙国企业负责人5月份来甲区考察后，打算在哪些领域合作？', text).numberMissing).toBe(true);
    expect(judged('丙国企业负责人4月份来甲区考察后，打算在哪些领域合作？', '今年2月，甲公司签约。两个月后，丙国企业来甲区考察。').numberMissing).toBe(false);
  });

  it('count a number that only tells which thing is meant (61年的老厂) anywhere in the article, a year or a date around the answer only', () => {
    // The passage holds the second paragraph only.
    const { judgeOf } = twoParagraphs('走进“61岁”的本土企业——甲机械公司，只见工人化身“机械指挥官”。', '甲机械董事长王某某说，十年前这样的设备全靠进口。', 'second');
    expect(judgeOf('那家61年的老厂甲机械，董事长是谁？').numberMissing).toBe(false);
    expect(judgeOf('那家62年的老厂甲机械，董事长是谁？').numberMissing).toBe(true);
    expect(judgeOf('甲机械2061年的董事长是谁？').numberMissing).toBe(true); // a year: around the answer
  });

  it('holds a round figure the question gives as an estimate (1800多列, 约200亿元) by a figure of the text in its range', () => {
    const text = '2024年，甲区班列开行1804列，居全市第一。';
    expect(judged('甲区班列去年开了1800多列吗？', text).numberMissing).toBe(false);
    expect(judged('甲区班列去年开了超过1800列吗？', text).numberMissing).toBe(false);
    expect(judged('甲区班列去年开了1800列左右？', text).numberMissing).toBe(false);
    // Out of the range, or a figure stated exactly, or counted in another measure: not held.
    expect(judged('甲区班列去年开了1900多列吗？', text).numberMissing).toBe(true);
    expect(judged('甲区班列去年开了1800列吗？', text).numberMissing).toBe(true);
    expect(judged('甲区班列货值有1800多万元吗？', '2024年，甲区班列开行1804列。').numberMissing).toBe(true);
    expect(judged('甲区班列货值有1800多万元吗？', '2024年，甲区班列开行1804列，货值1850万元。').numberMissing).toBe(false);
    expect(judged('甲区班列去年开了1800多列吗？', '2024年，甲区班列开行1500列，货值1804万元。').numberMissing).toBe(true);
  });

  it('flags a rate given only before the thing asked about: it measures something else', () => {
    const q = (question: string) => analyzeQuery(question, CHINESE);
    const text = '景区游客100万人次，增长20%，门票收入突破1亿元';
    expect(rateBeforeFocus(q('景区门票收入增长了百分之多少？'), text)).toBe(true);
    expect(rateBeforeFocus(q('景区游客增长了百分之多少？'), text)).toBe(false);
    // Figures listed first and their rates after (分别增长) belong to what comes before them.
    expect(rateBeforeFocus(q('柠檬创汇增长了百分之多少？'), '柠檬出口量达到6200吨，创汇8100万元，同比分别增长7.9%和18.3%')).toBe(false);
    expect(judged('景区门票收入增长了百分之多少？', text + '。').metricConflict).toBe(true);
    // Asked how much it grew: a rate or a word of growth before a number answers, and only after the metric.
    expect(rateBeforeFocus(q('景区门票收入比上年增长了多少？'), text)).toBe(true);
    expect(rateBeforeFocus(q('景区门票收入比上年增长了多少？'), '景区游客增长20%，门票收入增加2000万元')).toBe(false);
    expect(rateBeforeFocus(q('景区门票收入是多少？'), text)).toBe(false); // a level, not a growth
    // 同比 compares; 百分之几 asks: neither is what is asked about.
    expect(q('景区门票收入同比增长了多少？').focus).toBe('门票');
    expect(q('景区门票收入比上年增长了百分之几？').focus).toBe('门票');
    expect(rateBeforeFocus(q('景区门票收入同比增长了百分之几？'), text)).toBe(true);
  });

  it('flags films, TV dramas, books or songs asked where the passage names no work in title marks (《…》)', () => {
    const studio = '甲片场是亚洲最大的虚拟拍摄基地，能同时服务3个剧组。';
    expect(judged('甲片场拍过哪些电视剧？', studio).typeAbsent).toBe(true);
    expect(judged('甲片场拍过哪些电视剧？', '甲片场今年拍摄了电视剧《乙》和《丙》。').typeAbsent).toBe(false);
    // A programme is often named without them (新闻联播).
    expect(judged('照片里村民一家在看什么节目？', '4月24日，村民一家观看中央电视台新闻联播。').typeAbsent).toBe(false);
  });

  it('flags a growth asked where the sentence naming the thing gives none, nor anything after it', () => {
    const q = (question: string) => analyzeQuery(question, CHINESE);
    const sentence = '甲区完成出口3667单，货值13.87亿元，发运5283个集装箱。';
    expect(growthUntold(q('甲区出口货值同比增长了多少？'), sentence, sentence)).toBe(true);
    expect(growthUntold(q('甲区出口货值同比增长了多少？'), sentence, sentence + '货值同比增长12%。')).toBe(false); // told after it
    expect(growthUntold(q('甲区出口货值是多少？'), sentence, sentence)).toBe(false); // an amount asked
    expect(growthUntold(q('甲区排名已经连续提升几年了？'), '甲区排名连续3年提升。', '甲区排名连续3年提升。')).toBe(false); // a streak
    // The thing named in another spelling of the measure (投资 written 投入) is named.
    const spent = '一季度甲区企业先后投入技改资金13.9亿元。';
    expect(growthUntold(q('甲区一季度投资增长了多少？'), spent, spent)).toBe(true);
    expect(growthUntold(q('甲区一季度投资增长了多少？'), spent, spent + '投资同比增长8.1%。')).toBe(false);
  });

  it('finds no answer to "when" in a sentence that says only "lately" (前不久, 近日) and gives no date', () => {
    const q = analyzeQuery('甲国总理是哪天到访乙市的？', CHINESE);
    expect(onlyVagueTime(q, '前不久，甲国总理来乙市，首站参观了一家工厂。')).toBe(true);
    expect(onlyVagueTime(q, '前不久的4月15日，甲国总理来乙市。')).toBe(false);
    expect(onlyVagueTime(analyzeQuery('甲国总理参观了哪家工厂？', CHINESE), '前不久，甲国总理来乙市，首站参观了一家工厂。')).toBe(false);
    expect(judged('甲国总理是哪天到访乙市的？', '前不久，甲国总理来乙市，首站参观了一家工厂。').typeAbsent).toBe(true);
  });

  it('finds no answer to a unit of measurement asked (多少亩) in a text without a figure in its dimension', () => {
    expect(judged('甲县柠檬种了多少亩？', '甲县柠檬已出口到30个国家和地区。').typeAbsent).toBe(true);
    expect(judged('甲县柠檬种了多少亩？', '甲县柠檬种植面积达5万亩。').typeAbsent).toBe(false);
    expect(judged('甲县柠檬种了多少亩？', '甲县柠檬基地面积达3.2万平方米。').typeAbsent).toBe(false); // another unit of area
    // A classifier is not a unit: the text may count the same things with another one.
    expect(judged('甲县有多少家柠檬企业？', '甲县柠檬企业已达30个。').typeAbsent).toBe(false);
  });

  it('takes how often something is done (每季度, 双月) for 多久…一次, and a span of time for 多久', () => {
    const q = analyzeQuery('甲区多久对重点项目排一次名？', CHINESE);
    expect(holdsAnswer(q, '甲区每季度对重点项目进度进行排名。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '甲区区委书记双月调度重点项目。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '甲区对重点项目进度进行排名。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(analyzeQuery('甲区的项目建了多久？', CHINESE), '项目建设历时3个季度。', CHINESE, true)).toBe(true);
  });

  it('takes a fraction or "one in N" for a share', () => {
    const q = analyzeQuery('全世界的手机镜头里，多大比例出自甲区？', CHINESE);
    expect(holdsAnswer(q, '全球每20颗手机摄像头中即有一颗产自甲区。', CHINESE)).toBe(true);
    expect(holdsAnswer(q, '甲区产的镜头占全球三分之一。', CHINESE)).toBe(true);
    expect(holdsAnswer(q, '甲区每年生产20亿颗摄像头。', CHINESE)).toBe(false);
  });

  it('reads a paragraph that goes on with the one before (同时，…; 三是…) in that paragraph\'s context', () => {
    const first = '负责片场运营的甲公司董事长张三表示，一是建设虚拟拍摄基地。二是引进影视企业。';
    const judgedAfter = (second: string) => twoParagraphs(first, second, 'second').judgeOf('片场的运营方打算跟哪个部门签框架协议？').missing;
    expect(judgedAfter('同时，三是与国家电影局签订框架协议。')).not.toContain('片场');
    expect(judgedAfter('乙区与国家电影局签订框架协议。')).toContain('片场'); // a subject of its own: no inheritance
  });

  it('reads a paragraph opening on what the one before names (该项目…) in that paragraph\'s context', () => {
    const first = '4月20日，在璧山区成渝双城丙丁长租公寓项目建设现场，工人正在施工。';
    const judged = (second: string) => twoParagraphs(first, second, 'second').judgeOf('成渝双城丙丁长租公寓项目建筑面积有多大？');
    expect(judged('该项目位于璧山高新区工业园内，建筑面积6万余平方米。').missing).toEqual([]);
    expect(judged('璧山高新区工业园内，建筑面积6万余平方米。').missing).not.toEqual([]); // no pointing back
    // The project is the one 成渝 names: its figure is no district's figure for the region's.
    expect(judged('该项目位于璧山高新区工业园内，建筑面积6万余平方米。').placeAbsent).toBe(false);
  });

  it('finds a paragraph going on with the one before at least as well as that one (retrieval)', () => {
    const first = '负责片场运营的甲公司董事长张三表示，一是建设虚拟拍摄基地。';
    const article = (second: string) => twoParagraphs(first, second, 'second').article;
    const chunk = (block: number): Chunk => ({ id: block, file: 'x.txt', text: '', start: 0, end: 0, section: '', block });
    const found = retrievalWithContext([{ chunk: chunk(0), fused: 0.9 }, { chunk: chunk(1), fused: 0.5 }]);
    expect(found(chunk(1), 0.5, article('同时，三是与国家电影局签订框架协议。'))).toBe(0.9);
    expect(found(chunk(1), 0.5, article('乙区与国家电影局签订框架协议。'))).toBe(0.5); // a subject of its own
    expect(found(chunk(0), 0.9, article('同时，三是与国家电影局签订框架协议。'))).toBe(0.9);
    // The floor given back to the speaker the paragraph before introduced, by the name alone.
    expect(found(chunk(1), 0.5, article('张三表示，今年将与国家电影局签订框架协议。'))).toBe(0.9);
    expect(found(chunk(1), 0.5, article('李四表示，今年将与国家电影局签订框架协议。'))).toBe(0.5); // someone else
  });

  it("asked a figure of the whole city or region and no district, takes a district's figure for another place's", () => {
    const fig = (question: string, sentence: string) => {
      const q = analyzeQuery(question, CHINESE);
      return districtFigureIn(q, wordStats(q, () => 1, knobs), sentence, CHINESE);
    };
    expect(fig('2022年成渝地区双城经济圈生产总值是多少？', '2022年永川GDP突破1200亿，全市排名靠前。')).toBe(true);
    expect(fig('2023年成渝地区双城经济圈生产总值是多少？', '2023年，成渝地区双城经济圈地区生产总值迈上8万亿级新台阶。')).toBe(false);
    expect(fig('2022年永川GDP是多少？', '2022年永川GDP突破1200亿，全市排名靠前。')).toBe(false); // the district asked
    expect(fig('重庆的新泰机械有多少项专利？', '这个企业拥有17项专利，印证着永川的战略远见。')).toBe(false); // 重庆: the setting
    expect(fig('全市哪个区的班列开得最多？', '江津班列开行1804列。')).toBe(false); // asks which district
    // …or of a district described, not named (自称全市工业大区的区): the scope word describes it.
    expect(fig('那个自称全市工业大区的区，2027年规上工业总产值目标是多少？', '到2027年渝北区规上工业总产值达到7000亿元。')).toBe(false);
    expect(fig('全市2027年规上工业总产值目标是多少？', '到2027年渝北区规上工业总产值达到7000亿元。')).toBe(true);
  });

  it('asked who someone is, leaves out a post that acts in the question (总书记视察…): it sets the scene', () => {
    expect(analyzeQuery('总书记视察重庆时，市经信委是谁出来发言的？', CHINESE).posts).toEqual([]);
    // …or whose words the question is about (写下总书记那句话的领导): the one asked is the writer.
    expect(analyzeQuery('在笔记本上写下总书记那句话的甲委领导是谁？', CHINESE).posts).toEqual([]);
    expect(analyzeQuery('甲委哪位领导写下了总书记的话？', CHINESE).posts).toEqual([]);
    expect(analyzeQuery('甲区区委书记是谁？', CHINESE).posts).toContain('区委书记');
    // Not asking who: the acting post is what the question is about (区长 visited, not the 区委书记).
    expect(analyzeQuery('区长视察工地时说了什么？', CHINESE).posts).toContain('区长');
    // …or acts somewhere (总书记在重庆考察): the first verb after 在 tells; 是 asks the post.
    expect(analyzeQuery('照片里关注总书记在重庆考察新闻的村民叫什么名字？', CHINESE).posts).toEqual([]);
    expect(analyzeQuery('甲区区委书记在2023年是谁？', CHINESE).posts).toContain('区委书记');
    // …but a post asked which holder of (哪位副主任) is the one asked, whatever it does.
    expect(analyzeQuery('市经信委哪位副主任在会上发了言？', CHINESE).posts).toContain('副主任');
    expect(analyzeQuery('哪位区长视察了工地？', CHINESE).posts).toContain('区长');
  });

  it('reads a compound post after its organisation (生态环境局党组书记) as that body\'s post', () => {
    expect(analyzeQuery('市生态环境局党组书记是谁？', CHINESE).posts).toEqual(['生态环境局党组书记']);
    expect(analyzeQuery('市生态环境局的党组书记是谁？', CHINESE).posts).toEqual(['生态环境局党组书记']); // joined by 的
    expect(judged('市生态环境局党组书记是谁？', '市水利局党组书记、局长江夏表示，要建设水网。').postMismatch).toBe(true);
    expect(judged('市生态环境局党组书记是谁？', '市生态环境局党组书记、局长吴某表示，要治理污染。').postMismatch).toBe(false);
  });

  it('flags the opposite direction', () => {
    expect(judged('柠檬进口了多少吨？', '柠檬出口1.2万吨。').opposite).toBe(true);
    expect(judged('柠檬出口了多少吨？', '柠檬出口1.2万吨。').opposite).toBe(false);
    expect(judged('甲区打造南向枢纽有哪些规划？', '甲区提出打造北向枢纽的规划。').opposite).toBe(true); // the other way out
    expect(judged('甲区打造北向枢纽有哪些规划？', '甲区提出打造北向枢纽的规划。').opposite).toBe(false);
    expect(judged('甲区接卸了多少个集装箱？', '甲区发运5283个集装箱。').opposite).toBe(true); // goods in, goods out
    expect(judged('甲区到港接收了多少个集装箱？', '甲区发运5283个集装箱。').opposite).toBe(true); // any word of going in against any of going out
    expect(judged('甲区发运了多少个集装箱？', '甲区发运5283个集装箱。').opposite).toBe(false);
    // Any word of going down is the opposite of any of going up…
    expect(judged('常住人口比上年减少了多少？', '常住人口增长至9853.6万人。').opposite).toBe(true);
    expect(judged('甲市常住人口流失了多少万人？', '常住人口增长至9853.6万人。').opposite).toBe(true); // people leaving
    expect(judged('甲市常住人口流失了多少万人？', '常住人口外流12万人。').opposite).toBe(false);
    expect(judged('甲市人口净流出多少万？', '常住人口增长至9853.6万人。').opposite).toBe(true);
    expect(judged('甲区去年退出规上的企业有多少家？', '新增规上工业企业36家。').opposite).toBe(true); // leaving, not joining
    // …unless the passage also says the asked direction in other words.
    expect(judged('产值提高了多少？', '产值增长20%，能耗降低5%。').opposite).toBe(false);
    // …and a comparison by 少了 / 多了 is one of them; 多少了 and 不少了 compare nothing.
    expect(judged('优良天数比去年少了几天？', '优良天数为75天，同比增加5天。').opposite).toBe(true);
    expect(judged('优良天数比去年多了几天？', '优良天数为75天，同比增加5天。').opposite).toBe(false);
    expect(judged('研发投入占比到多少了？', '研发投入强度达2.68%，比上年增加0.1个百分点。').opposite).toBe(false);
    expect(judged('甲市造汽车的进口订单有多少？', '甲市造汽车“出海”订单量不断增长。').opposite).toBe(true); // 出海: sold overseas
    // A trip asked from a place (从乙国开到甲县) where the passage's trip ended is the journey the other way.
    expect(judged('4月从乙国开到甲县的列车拉了多少吨水果？', '4月，一辆满载28吨柠檬的列车抵达了乙国市场。').opposite).toBe(true);
    expect(judged('4月从甲县开到乙国的列车拉了多少吨水果？', '4月，一辆满载28吨柠檬的列车抵达了乙国市场。').opposite).toBe(false);
    // Inside and outside (室内 for 室外) are opposite sides too.
    expect(judged('甲公寓有多少个室外停车位？', '甲公寓规划建设室内停车位428个。').opposite).toBe(true);
    expect(judged('甲公寓有多少个室内停车位？', '甲公寓规划建设室内停车位428个。').opposite).toBe(false);
    // Sent to a place from another the question names, the trip ending in that other place: the other way.
    // (Places as jieba tags them: a real city's name.)
    expect(judged('昆明发往越南的列车拉了多少吨水果？', '4月，一列满载28吨水果的中越班列抵达昆明。').opposite).toBe(true);
    expect(judged('昆明向越南出口了多少吨水果？', '4月，一列满载28吨水果的中越班列抵达昆明。').opposite).toBe(true);
    expect(judged('昆明发往越南的列车拉了多少吨水果？', '4月，一列满载28吨水果的班列从昆明出发，抵达越南。').opposite).toBe(false);
    expect(judged('从越南开到昆明的列车拉了多少吨水果？', '4月，一列满载28吨水果的中越班列抵达昆明。').opposite).toBe(false);
    expect(judged('4月从乙国开到甲县的列车拉了多少吨水果？', '4月，列车从乙国出发，满载28吨水果运抵甲县。').opposite).toBe(false);
    // …also where the passage names the place after its city or district (抵达甲市乙县丙站).
    expect(judged('从丙站发往丁国的货有多少吨？', '一列满载265吨木薯淀粉的班列抵达甲市乙县丙站。').opposite).toBe(true);
    // The trip back is not the goods sent out; an arrival home is no sending out.
    expect(judged('甲县那趟列车回程运回了多少吨货？', '满载28吨柠檬的列车抵达乙国。甲县柠檬出口6200吨。').opposite).toBe(true);
    expect(judged('甲县班列从乙国运回了什么？', '一列满载265吨木薯淀粉的班列抵达甲县站。').opposite).toBe(false);
    // A question in English asks in the Chinese words it was translated into.
    const english = (question: string, terms: string[]) => {
      const t = terms.map((term, id) => ({ term, weight: 1, from: term, via: 'gloss' as const, group: id }));
      const q = queryFromTranslation(question, question, { terms: t, groups: t.map((x) => ({ id: x.group, from: x.from, via: x.via, terms: [x] })), unknown: [], uncovered: [], absentPlaces: [], answerType: 'count' }, CHINESE);
      const { article, chunk } = passage('甲县二季度柠檬出口6200吨。');
      return judge(q, wordStats(q, () => 1, knobs), chunk, article, CHINESE, knobs);
    };
    expect(english('How many tons of lemons did Jia import?', ['柠檬', '进口']).opposite).toBe(true);
    expect(english('How many tons of lemons did Jia export?', ['柠檬', '出口']).opposite).toBe(false);
    // …and for the period it asks
    expect(english('How many tons of lemons did Jia export in the first quarter?', ['柠檬', '出口', '一季度']).periodConflict).toBe(true);
    expect(english('How many tons of lemons did Jia export in the second quarter?', ['柠檬', '出口', '二季度']).periodConflict).toBe(false);
  });

  it('reads "how much" in English as money only where the question speaks of money', () => {
    const typeOf = (question: string) => {
      const t = [{ term: '班列', weight: 1, from: 'train', via: 'gloss' as const, group: 0 }];
      return queryFromTranslation(question, question.toLowerCase(), { terms: t, groups: [{ id: 0, from: 'train', via: 'gloss', terms: t }], unknown: [], uncovered: [], absentPlaces: [], answerType: 'amount' }, CHINESE).answerType;
    };
    expect(typeOf('How much did the train carry?')).toMatchObject({ money: false, count: true });
    expect(typeOf('How much did the train cost?')).toMatchObject({ money: true, count: true });
    expect(typeOf('How much was invested in the train?')).toMatchObject({ money: true });
  });

  it('checks the post of a question in English when a unit translates into one post only', () => {
    const t = (groups: string[][]) => {
      const terms = groups.flatMap((g, id) => g.map((term) => ({ term, weight: 1, from: g[0]!, via: 'gloss' as const, group: id })));
      return queryFromTranslation('Who is …?', 'who is …?', { terms, groups: groups.map((g, id) => ({ id, from: g[0]!, via: 'gloss' as const, terms: terms.filter((x) => x.group === id) })), unknown: [], uncovered: [], absentPlaces: [], answerType: 'person' }, CHINESE);
    };
    const head = t([['区长'], ['甲区']]);
    expect(head.posts).toEqual(['区长']);
    const { article, chunk } = passage('甲区区委书记王某表示，要加快发展。');
    expect(judge(head, wordStats(head, () => 1, knobs), chunk, article, CHINESE, knobs).postMismatch).toBe(true);
    expect(t([['主任', '经理'], ['甲区']]).posts).toEqual([]); // director: one of several posts, none for sure
  });

  it('flags a missing focus word and a missing name', () => {
    expect(judged('软件产业利润是多少？', '软件产业营业收入达到500亿元。').focusMissing).toBe(true);
    expect(judged('软件产业营业收入是多少？', '软件产业营业收入达到500亿元。').focusMissing).toBe(false);
    expect(judged('成都的软件产业收入是多少？', '重庆软件产业收入达到500亿元。').nameMissing).toBe(true);
    // A name in most passages is the coverage's setting: a passage leaving it unsaid is not elsewhere.
    const df = (t: string) => (t === '成都' ? 80 : 3);
    expect(judged('成都的软件产业收入是多少？', '全市软件产业收入达到500亿元。', df, 100).nameMissing).toBe(false);
    expect(judged('成都的软件产业收入是多少？', '全市软件产业收入达到500亿元。', df, 200).nameMissing).toBe(true);
  });

  it('weighs the setting less: a fuller name written with it (成都甲乙机械有限责任公司) is not missing much where the text says 甲乙机械', () => {
    const df = (t: string) => (t === '成都' ? 80 : 3);
    const asked = '成都甲乙机械有限责任公司的董事长是谁？';
    const weightOf = (docCount: number) => wordStats(analyzeQuery(asked, CHINESE), df, knobs, docCount).find((w) => w.word === '成都')!.weight;
    expect(weightOf(100)).toBeLessThan(weightOf(200));
    const answer = '甲乙机械董事长王明说，产品比进口产品便宜。';
    expect(judged(asked, answer, df, 100).missingShare).toBeLessThan(judged(asked, answer, df, 200).missingShare);
  });

  it('checks the kind of answer: a date for "when", a quantity for "how many", a name for "who"', () => {
    expect(judged('项目什么时候完工？', '项目进展顺利。').typeOk).toBe(false);
    expect(judged('项目什么时候完工？', '项目预计今年10月完工。').typeOk).toBe(true);
    expect(judged('建成了几家工厂？', '建成智能工厂12家。').typeOk).toBe(true);
    expect(judged('厂长是谁？', '工厂设备先进。').typeOk).toBe(false);
    expect(judged('厂长说了哪句话？', '厂长说了这句话。').typeOk).toBe(false);
    expect(judged('厂长说了哪句话？', '厂长说：“质量是企业的生命。”').typeOk).toBe(true);
    expect(judged('水质保持在几类？', '水质稳定保持Ⅱ类。').typeOk).toBe(true); // Ⅱ is folded to ii
  });

  it('counts an answer of the asked kind only where the passage shows it, not in the part of its paragraph another passage holds', () => {
    const text = '生产线实现95秒完成一扇门。近日，甲公司智能门项目全部实施设备更新。';
    const article: Article = { meta: { file: 'x.txt', title: '合成报道', paper: '', date: '' }, text, blocks: [{ kind: 'paragraph', text, start: 0, end: text.length, section: '' }], hash: 'h' };
    const at = (start: number) => {
      const q = analyzeQuery('甲公司智能门产线多少秒出一扇门？', CHINESE);
      const chunk: Chunk = { id: 0, file: 'x.txt', text: text.slice(start), start, end: text.length, section: '', block: 0 };
      return judge(q, wordStats(q, () => 1, knobs), chunk, article, CHINESE, knobs);
    };
    expect(at(0).typeExact).toBe(true);
    const second = at(text.indexOf('近日'));
    expect(second.typeExact).toBe(false); // the figure is in the paragraph, before this passage begins
    expect(second.typeOk).toBe(true); // …so the question is not declined for lack of one
  });
});

describe('the bold sentence', () => {
  it('takes a sentence pointing back at what the passage names (此次会议 after 民主生活会) as naming it', () => {
    const passage = '会议讨论了民主生活会整改方案。乙某说，此次会议准备充分。该项目位于甲区。';
    expect(pointsBackTo('民主生活会', '乙某说，此次会议准备充分。', passage)).toBe(true);
    expect(pointsBackTo('长租公寓项目', '该项目位于甲区。', '甲区长租公寓项目开工。该项目位于甲区。')).toBe(true);
    // Not when the passage never names it, nor for a short word, nor without a demonstrative.
    expect(pointsBackTo('民主生活会', '乙某说，此次会议准备充分。', '乙某说，此次会议准备充分。')).toBe(false);
    expect(pointsBackTo('常会', '此次会议准备充分。', '常会召开。此次会议准备充分。')).toBe(false);
    expect(pointsBackTo('民主生活会', '乙某说，会议准备充分。', passage)).toBe(false);
    // The Party's regular meeting is one word, not 民主 and 生活.
    expect(analyzeQuery('乙某怎么评价这次民主生活会？', CHINESE).words.map((w) => w.word)).toContain('民主生活会');
    // Asked how the speaker judged the meeting, the sentence judging 此次会议 is bold, not the next one.
    expect(pick('乙某怎么评价这次民主生活会？', ['甲机关召开民主生活会。', '乙某说，此次会议准备充分，主题鲜明。', '乙某强调，机关要深学笃用。'])).toBe(1);
  });

  it('asked how someone sees a thing (怎么定位, 如何理解), takes them for a speaker: their quoted words answer', () => {
    const question = '市科技局副局长张建华怎么定位科技创新和数字经济的关系？';
    expect(analyzeQuery(question, CHINESE).words.find((w) => w.word === '张建华')?.speaker).toBe(true);
    const paragraph = '“科技创新是发展数字经济的核心要素。”市科技局副局长张建华表示，总书记的讲话为科技创新工作提供了指引。';
    const q = analyzeQuery(question, CHINESE);
    const sentences = ['“科技创新是发展数字经济的核心要素。”', '市科技局副局长张建华表示，总书记的讲话为科技创新工作提供了指引。'].map((text) => ({ text, paragraph }));
    expect(pickSentence(q, wordStats(q, () => 1, knobs), sentences, CHINESE, knobs)).toBe(0);
  });

  it('does not look for a one-character focus (人) inside other words (银行人)', () => {
    const question = '讲乙银行服务那一部分里发言的人是什么身份？';
    expect(analyzeQuery(question, CHINESE).focus).toBe('人');
    expect(pick(question, ['乙银行行长张建华表示，这句话始终在脑海里。', '张建华说，作为乙银行人，更加坚定了方向。'])).toBe(0);
    expect(pick(question, ['乙银行行长张建华表示，要创新服务。', '乙银行作为唯一一家法人银行，将不断创新服务内容，服务新市民。'])).toBe(0);
  });

  const pick = (question: string, sentences: string[]) => {
    const q = analyzeQuery(question, CHINESE);
    return pickSentence(q, wordStats(q, () => 1, knobs), sentences.map((text) => ({ text })), CHINESE, knobs);
  };

  it('asked what someone said, does not count the verb of saying: the quotation before the introduction answers', () => {
    const quoteFirst = ['“通过自主研发，我们同样性能的产品，比进口产品便宜75%。”', '甲公司董事长王某骄傲地说，十年前这样的设备全靠进口。'];
    const paragraph = quoteFirst.join('');
    const q = analyzeQuery('甲公司的王某是怎么说他们产品价格的？', CHINESE);
    expect(q.words.find((w) => w.word === '说')?.speaker).toBeFalsy();
    expect(pickSentence(q, wordStats(q, () => 1, knobs), quoteFirst.map((text) => ({ text, paragraph })), CHINESE, knobs)).toBe(0);
  });

  it('asked which comes first, is the one sentence telling what heads the list, not the introduction repeating more words', () => {
    const intro = '甲区建设推进大会上，区委书记王某强调，加快甲区建设，要紧紧扭住“六大”战略重点。';
    const head = '“聚焦经济发展，着力提升总量”为“六大”战略重点之首。';
    expect(pick('王某在甲区建设推进大会上说，“六大”战略重点排第一的是什么？', [intro, head])).toBe(1);
    // Two sentences telling a first: the usual scoring decides.
    expect(pick('王某在甲区建设推进大会上说，“六大”战略重点排第一的是什么？', [intro.replace('。', '，首先要抓经济。'), head])).toBe(0);
  });

  it('asked where, is the sentence telling a place the question does not name', () => {
    expect(analyzeQuery('甲区那个迎宾公寓项目建在哪个园区里？', CHINESE).answerType.where).toBe(true);
    expect(analyzeQuery('这条高速是从甲区修到哪里的？', CHINESE).answerType.where).toBe(true);
    expect(analyzeQuery('甲区迎宾公寓项目有多少套房？', CHINESE).answerType.where).toBeUndefined();
    expect(pick('甲区那个迎宾公寓项目建在哪个园区里？', ['4月20日，在甲区迎宾公寓项目建设现场，8栋主体结构已封顶。', '该项目位于甲区高新区乙工业园内。'])).toBe(1);
    expect(pick('这条高速是从甲区修到哪里的？', ['甲区将加快通道基础设施建设，推动高速公路建设。', '实施甲区至丙城高速公路等项目。'])).toBe(1);
    // A place the question names tells nothing new.
    const q = analyzeQuery('甲区迎宾公寓在哪个园区？', CHINESE);
    expect(placeTold(q, '甲区迎宾公寓开工。')).toBe(false);
    expect(placeTold(q, '项目在乙工业园内。')).toBe(true);
  });

  it('asked who did something, is the sentence naming a person by post with that verb, not the one naming the event', () => {
    const s = ['2月21日,江州区委常委会召开会议,学习贯彻习近平总书记在中共中央政治局常务委员会会议上的重要讲话精神,听取全区近期疫情防控工作情况汇报。', '区委书记张某某主持会议。'];
    expect(pick('2月21日江州区委常委会是谁主持的？', s)).toBe(1);
    expect(pick('2月21日江州区委常委会听取了什么汇报？', s)).toBe(0); // asked what, not who
  });

  it('is the sentence holding an answer of the asked type, not the one repeating the topic', () => {
    const s = ['迎宾公寓项目建设现场，工人们正在施工。', '该项目预计今年10月全部完工。'];
    expect(pick('迎宾公寓项目什么时候全部完工？', s)).toBe(1);
  });

  it('asked when, is the dated sentence whose next one goes on about its subject with the question\'s words', () => {
    const s = ['今年3月中旬，一列满载货物的乙线班列抵达甲站。', '这批货物是甲区班列首次以“快通”模式运输的国际货物。'];
    expect(pick('甲区班列首次以“快通”模式运输的货物是什么时候抵达的？', s)).toBe(0);
    // Not when the next sentence starts a subject of its own.
    expect(pick('甲区班列首次以“快通”模式运输的货物是什么时候抵达的？', [s[0]!, '甲区班列首次以“快通”模式运输国际货物。'])).toBe(1);
    // A year told against the article's (去年) dates what the sentence says.
    expect(pick('丙公司的项目是什么时候全面量产的？', ['进入4月，丙公司迎来生产高峰期。', '该项目于去年全面实现量产。'])).toBe(1);
  });

  it('asked a physical size, is the one sentence with a figure in its units, whatever words it shares', () => {
    const s = ['负责甲区科技片场运营的乙公司董事长表示，将助力甲区打造影视城。', '二期建成后，总的棚拍面积3.7万平方米。', '片场能同时服务3个剧组。'];
    expect(pick('甲区科技片场的摄影棚有多大？', s)).toBe(1);
    expect(pick('甲区科技片场占地多少平方米？', s)).toBe(1);
    // Two sentences with such a figure: the words they share with the question decide, as before.
    expect(pick('甲区科技片场的摄影棚有多大？', [...s, '甲区科技片场摄影棚旁的停车场有5000平方米。'])).toBe(3);
  });

  it('does not take question words written only in a speaker\'s introduction for an answer', () => {
    const s = ['甲区乙银行行长丙某表示，这句话始终萦绕在脑海里。', '甲区乙银行作为甲区唯一一家地方性法人银行，将服务小微企业。'];
    expect(pick('甲区乙银行在甲区是什么定位的银行？', s)).toBe(1);
    // Asked who holds the post: the introduction is the answer.
    expect(pick('甲区乙银行行长是谁？', s)).toBe(0);
  });

  it('asked how many, does not take a lone 一 before the measure ("a") for the count', () => {
    const s = ['今年3月中旬，一列满载265吨货物的甲区班列顺利抵达乙站。', '甲区班列开行1804列，居全市第一。'];
    expect(pick('甲区班列去年一共跑了多少列来着？', s)).toBe(1);
    expect(pick('甲区班列去年一共跑了多少列来着？', [s[0]!, '甲区班列开行十一列，居全市第一。'])).toBe(1); // 十一 is a count
  });

  it('for "who", the sentence with the post followed by a name, not a byline', () => {
    const s = ['本报讯(记者 王小明)永川区委常委会召开会议。', '区委书记张智奎主持会议。'];
    expect(pick('永川区委书记是谁？', s)).toBe(1);
  });

  it('takes no word of a clause of purpose after the slot (来推动…) for its predicate', () => {
    const q = analyzeQuery('甲区打算开展哪些评选来推动项目建设？', CHINESE);
    expect(q.words.find((w) => w.word === '评选')?.afterGap).toBe(true);
    expect(q.words.find((w) => w.word === '推动')?.afterGap).toBeUndefined();
    expect(q.words.find((w) => w.word === '建设')?.afterGap).toBeUndefined();
    const s = ['下一步，甲区将持续实施通报制度，开展“某某奖”评选，加快项目落地。', '同时完善保障机制，全力推动重点项目建设提质增效。'];
    expect(pick('甲区下一步打算开展哪些奖项评选来推动项目建设？', s)).toBe(0);
  });

  it('weighs the predicate after the interrogative by its own knob', () => {
    const question = '甲镇柠檬出口到哪些国家？';
    const q = analyzeQuery(question, CHINESE);
    expect(q.words.find((w) => w.word === '国家')?.afterGap).toBe(true);
    expect(q.words.find((w) => w.word === '柠檬')?.afterGap).toBeUndefined();
    const s = ['甲镇柠檬出口量达到6200吨。', '甲镇柠檬已覆盖新加坡、泰国等30个国家和地区。', '甲镇柠檬种植面积扩大。'].map((text) => ({ text }));
    // The knob weighed alone: no bonus for the focus (国家 is also the focus) nor for the enumeration.
    const at = (predicateFactor: number) => pickSentence(q, wordStats(q, () => 1, knobs), s, CHINESE, { ...knobs, focusBonus: 0, typeBonus: 0, predicateFactor });
    expect(at(1)).toBe(0); // the topic words win alone
    expect(at(3)).toBe(1); // the predicate (国家) outweighs them
  });

  it('for who took a photo, its credit; for where it was taken, not the credit', () => {
    const s = ['3月5日，甲县某工厂总装车间，工人收看新闻。', '记者 张三 摄/视觉重庆'];
    expect(pick('甲县某工厂总装车间工人收看新闻的那张照片是哪位记者拍的？', s)).toBe(1);
    expect(pick('工人收看新闻的那张照片是在哪个车间拍的？', s)).toBe(0);
    expect(pick('照片里收看新闻的是什么人？', s)).toBe(0); // who is in it, not who took it
  });

  it('for who took a photo, a byline crediting the pictures (…记者 甲某文 乙某图) is a credit; a sentence about a map is not', () => {
    const s = ['甲县某工厂车间内，工人正在忙碌。', '甲县融媒体中心记者 张三文 李四图'];
    expect(pick('甲县那张工厂车间的图片是谁拍的？', s)).toBe(1);
    const q = analyzeQuery('甲县那张工厂车间的图片是谁拍的？', CHINESE);
    expect(holdsAnswer(q, '乙县融媒体中心记者 王五 文图', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '记者看到了这幅地图', CHINESE, true)).toBe(false);
  });

  it('asks about a headline, deck or series only when it asks which (第几篇, 哪个系列, 副标题), not when it names one', () => {
    expect(aboutHeadline(analyzeQuery('“甲县做大总量”是这组系列评论的第几篇？', CHINESE))).toBe(true);
    expect(aboutHeadline(analyzeQuery('甲县那篇评论属于哪个系列？', CHINESE))).toBe(true);
    expect(aboutHeadline(analyzeQuery('那篇报道的副标题是什么？', CHINESE))).toBe(true);
    expect(aboutHeadline(analyzeQuery('“甲县做大总量”系列评论之二里，要培育哪3大产业？', CHINESE))).toBe(false);
    expect(aboutHeadline(analyzeQuery('小标题是“做强产业”的那一节讲的哪个区？', CHINESE))).toBe(false);
  });

  it('asked which one of a series (第几篇), an ordinal answers (之二, 第二), not a count', () => {
    const q = analyzeQuery('“甲县做大总量”是这组系列评论的第几篇？', CHINESE);
    expect(q.answerType).toMatchObject({ ordinal: true, count: false });
    expect(q.answerType.measure).toBeUndefined();
    expect(q.words.map((w) => w.word)).not.toContain('第');
    expect(holdsAnswer(q, '甲县做大总量\n\n——某某系列评论之二', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '甲县是全市重要的产业基地之一', CHINESE, true)).toBe(false);
    expect(holdsAnswer(q, '研发投入总额全市第1', CHINESE, true)).toBe(true);
  });

  it('about a photo, who reported is asked only with "who" (文字和图片是哪位记者), and bylines answer it', () => {
    expect(aboutReporting(analyzeQuery('甲县那部分的文字和图片分别是哪位记者负责的？', CHINESE))).toBe(true);
    expect(aboutReporting(analyzeQuery('照片里的记者在做什么？', CHINESE))).toBe(false);
    expect(asksPhotographer(analyzeQuery('甲县那张图片是谁拍的？', CHINESE))).toBe(true);
  });

  it('asked what a named speaker said, not the sentence in which someone else speaks in quotation marks', () => {
    const s = ['甲总书记在某园区考察时强调，建设新通道对于推动形成“内外联动”的格局具有重要意义。', '甲区商务委员会主任李开颜表示，甲区将紧紧围绕“运输量提升”的目标建设新枢纽。'];
    const paragraph = s.join('');
    const pickIn = (question: string) => {
      const q = analyzeQuery(question, CHINESE);
      return pickSentence(q, wordStats(q, () => 1, knobs), s.map((text) => ({ text, paragraph })), CHINESE, knobs);
    };
    expect(pickIn('李开颜说了什么？')).toBe(1);
    expect(pickIn('甲总书记强调了什么？')).toBe(0);
  });

  it('asked which comes first (排第一, 排头一位), the sentence that says which does (之首, 首先)', () => {
    const s = ['甲区要紧紧扭住“六大”战略重点。', '“聚焦经济发展”为“六大”战略重点之首。', '“六大”战略重点各有分工。'];
    expect(pick('“六大”战略重点排在第一位的是什么？', s)).toBe(1);
    expect(pick('“六大”战略重点排头一位的是哪一条？', s)).toBe(1);
    expect(pick('“六大”战略重点是什么？', s)).not.toBe(1); // not asked which comes first
  });

  it('for who reported, the byline; a photo credit is not one, and "who" alone does not ask it', () => {
    const s = ['本报讯(记者 王小明)甲区委常委会召开会议。', '区委书记李四主持会议。', '记者 赵五 摄'];
    expect(pick('甲区委常委会开会那条消息是哪位记者写的？', s)).toBe(0);
    expect(pick('甲区委常委会那篇报道是谁写的？', s)).toBe(0);
    expect(pick('谁主持会议？', s)).toBe(1);
    const q = analyzeQuery('那条消息的作者是谁？', CHINESE);
    expect(holdsAnswer(q, s[0]!, CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, s[2]!, CHINESE, true)).toBe(false);
  });

  it('a measure word after 哪 asks (哪条, 哪项): what follows is the predicate, and a speaker before 说 is one', () => {
    const w = (t: string) => analyzeQuery(t, CHINESE).words;
    expect(w('甲区要实施哪条高速公路项目？').find((x) => x.word === '高速公路')?.afterGap).toBe(true);
    // jieba glues 说 to the end of an unknown name (宋开言说 → 宋开 言说): still its speaker.
    const spoken = w('甲区商务委主任宋开言说要实施哪条高速公路项目？');
    expect(spoken.find((x) => x.word === '主任')?.speaker).toBe(true);
    expect(spoken.find((x) => x.word === '高速公路')?.speaker).toBeUndefined();
  });

  it('做好几篇 in a question asks how many to do well (做好 / 几篇), not "quite a few"; in a statement it stays', () => {
    const q = analyzeQuery('甲区要做好几篇文章？', CHINESE);
    expect(q.words.map((w) => w.word)).toContain('做好');
    expect(q.words.some((w) => w.word.includes('几'))).toBe(false); // the question word carries no weight
    expect(q.answerType).toMatchObject({ count: true, measure: '篇' });
    // another question word asks: 好几 is "quite a few" there
    expect(analyzeQuery('谁写了好几篇文章？', CHINESE).words.map((w) => w.word)).not.toContain('做好');
    expect(analyzeQuery('谁写了好几篇文章？', CHINESE).words.map((w) => w.word)).not.toContain('写好');
  });

  it('a measure has the other spellings of its family as aliases, not the family\'s general head', () => {
    const aliases = (t: string, w: string) => analyzeQuery(t, CHINESE).words.find((x) => x.word === w)?.aliases ?? [];
    expect(aliases('甲区的生产总值是多少？', '生产总值')).toContain('gdp');
    expect(aliases('甲厂营收多少？', '营收')).toContain('营业收入');
    expect(aliases('甲厂营收多少？', '营收')).not.toContain('收入'); // 收入 alone is any income
    const s = ['2022年甲区gdp突破1200亿。', '2022年甲区工业总产值达到1645亿元。'];
    expect(pick('甲区2022年的生产总值过了多少亿？', s)).toBe(0);
  });

  it('占多大, glued by jieba, asks (a share): no word of the question', () => {
    const words = analyzeQuery('乙镇产品大概占多大比例', CHINESE).words.map((w) => w.word);
    expect(words).not.toContain('占多大');
    expect(words).toContain('比例');
  });

  it('多大面积 asks how large an area (多大 / 面积), and 第二期 is also written 二期', () => {
    const q = analyzeQuery('甲片场第二期建成后有多大面积？', CHINESE);
    expect(q.words.map((w) => w.word)).toContain('面积');
    expect(q.words.map((w) => w.word)).not.toContain('大面积');
    expect(q.answerType.measure).toContain('平方米');
    expect(q.words.find((w) => w.word === '第二期')?.aliases).toContain('二期');
    expect(analyzeQuery('甲镇大面积种植柠檬吗？', CHINESE).words.map((w) => w.word)).toContain('大面积'); // no 多 before it
  });

  it('"X对Y怎么评价": X is the speaker, Y what the words are about; 咋 asks like 怎么', () => {
    const speakers = (t: string) => analyzeQuery(t, CHINESE).words.filter((w) => w.speaker).map((w) => w.word);
    expect(speakers('潘文海对那次民主生活会是怎么评价的？')).toEqual(expect.arrayContaining(['潘']));
    expect(speakers('潘文海对那次民主生活会是怎么评价的？')).not.toContain('民主');
    expect(speakers('潘主任对那次民主生活会咋评价的？')).toEqual(expect.arrayContaining(['潘', '主任']));
    expect(speakers('对那次民主生活会大家怎么评价？')).toEqual([]); // nobody before 对
  });

  it('someone addressed by surname and post (潘主任) is the one the coverage introduces with that post, if only one', () => {
    const articles = (...texts: string[]) => new Map(texts.map((text, i) => [`${i}.txt`, { meta: { file: `${i}.txt`, title: '', paper: '', date: '' }, text, blocks: [], hash: 'h' } as Article]));
    const aliases = (question: string, ...texts: string[]) =>
      withAddressedHolders(analyzeQuery(question, CHINESE), { articles: articles(...texts), lexicon: CHINESE }).words.find((w) => w.word === '主任')?.aliases ?? [];
    expect(aliases('潘主任怎么评价这次会议？', '甲区人大常委会党组书记、主任潘文海参加会议。')).toEqual(['潘文']);
    expect(aliases('潘主任怎么评价这次会议？', '甲区人大常委会副主任潘文海参加会议。')).toEqual([]); // a deputy is not the one
    expect(aliases('潘主任怎么评价这次会议？', '主任潘文海参加会议。', '乙委主任潘小山表示…')).toEqual([]); // two of them: which?
  });

  it('a year written with two digits (22年) also matches the year written whole, and stays itself', () => {
    const q = analyzeQuery('甲区22年gdp多少？', CHINESE);
    expect(q.words.find((w) => w.word === '22')?.aliases).toEqual(['2022']);
    expect(q.searchTerms).toContain('2022');
    expect(analyzeQuery('张师傅干了22个月？', CHINESE).words.find((w) => w.word === '22')?.aliases).toEqual([]);
  });

  it('a query of keywords asks about its last word, the head of the phrase', () => {
    const near = (t: string, w: string) => analyzeQuery(t, CHINESE).words.find((x) => x.word === w)?.nearGap;
    expect(near('甲厂智能门 合格率', '合格率')).toBe(1);
    expect(near('甲厂智能门 合格率', '智能')).toBeLessThan(1);
    expect(near('甲厂的合格率提高了吗', '合格率')).toBeUndefined(); // a question without a question word: no slot
  });

  it('the first three or six months of a year are the quarter or half year news name', () => {
    const words = (t: string) => analyzeQuery(t, CHINESE).words.map((w) => w.word);
    expect(words('甲市今年头三个月优良天数有几天？')).toContain('一季度');
    expect(words('甲市今年头仨月优良天数有几天？')).toContain('一季度'); // 仨, "three" said colloquially
    expect(words('甲市前6个月产值多少？')).toContain('上半年');
    expect(words('甲市三个月后开工吗？')).not.toContain('一季度');
  });

  it('a year dating the report the asker read is no year of the fact', () => {
    const words = (t: string) => analyzeQuery(t, CHINESE).words.map((w) => w.word);
    expect(words('2024年那篇报道里甲区的区长是谁？')).not.toContain('2024');
    expect(words('2023年的评论说甲区要聚焦哪三大产业？')).not.toContain('2023');
    expect(words('甲区2024年的地区生产总值是多少？')).toContain('2024');
    expect(words('2023年那篇说甲区主攻哪三个产业？')).not.toContain('2023'); // 那篇: that report
    expect(words('甲区2023年一期工程投资多少？')).toContain('2023'); // 一期: phase one, not a report
  });

  it('for "the one who V… 的是谁", the sentence where someone does V, not the lead repeating the event', () => {
    const q = analyzeQuery('主持3月5日甲县县委常委会会议的是谁？', CHINESE);
    expect(q.words.find((w) => w.word === '主持')).toMatchObject({ nearGap: 1, afterGap: true });
    // Without a verb leading the clause, nothing is promoted.
    expect(analyzeQuery('甲县县委常委会会议的主持人是谁？', CHINESE).words.find((w) => w.word === '主持')?.afterGap).toBeUndefined();
    const s = ['3月5日，甲县县委常委会召开会议，传达学习上级会议精神。', '县委书记李某主持会议。'];
    expect(pick('主持3月5日甲县县委常委会会议的是谁？', s)).toBe(1);
    // A date before the clause only sets the time.
    expect(analyzeQuery('3月5日主持甲县县委常委会会议的是谁？', CHINESE).words.find((w) => w.word === '主持')).toMatchObject({ nearGap: 1, afterGap: true });
  });

  it('for reported words, the quotation the speaker\'s introduction leads to, in the same paragraph', () => {
    const question = '研究院院长金某说研究院接下来打算怎么做？';
    const q = analyzeQuery(question, CHINESE);
    expect(q.words.find((w) => w.word === '金某' || w.word.startsWith('金'))?.speaker).toBe(true);
    expect(q.words.find((w) => w.word === '接下来')?.speaker).toBeUndefined();
    const paragraph = '研究院院长金某说，自落地以来，研究院取得了积极进展。“接下来，我们将拥抱科技前沿，推动成果落地。”';
    const s = ['研究院院长金某说，自落地以来，研究院取得了积极进展。', '“接下来，我们将拥抱科技前沿，推动成果落地。”'];
    const at = (withParagraph: boolean) =>
      pickSentence(q, wordStats(q, () => 1, knobs), s.map((text) => (withParagraph ? { text, paragraph } : { text })), CHINESE, knobs);
    expect(at(true)).toBe(1);
    expect(at(false)).toBe(0); // alone, the introduction holds the speaker's words and wins
    // The question between speaker and verb, a name jieba cuts in two (王明安 → 王明 安), 讲 for 说.
    const split = analyzeQuery('甲公司的王明安是怎么说产品价格差距的？', CHINESE);
    expect(split.words.filter((w) => w.speaker).map((w) => w.word)).toContain('王明');
    expect(split.words.find((w) => w.word === '价格')?.speaker).toBeUndefined();
    // …or glues the verb to the name's last character (王明安说 → 王明 安说).
    expect(analyzeQuery('甲公司董事长王明安说他们的产品便宜多少？', CHINESE).words.filter((w) => w.speaker).map((w) => w.word)).toContain('董事长');
    expect(analyzeQuery('副局长田某是怎么讲创新的？', CHINESE).words.find((w) => w.word === '副局长')?.speaker).toBe(true);
    // Describing in someone's words (怎么形容, 如何评价) reports them too.
    expect(analyzeQuery('副局长田某怎么形容创新和生产力的关系？', CHINESE).words.find((w) => w.word === '副局长')?.speaker).toBe(true);
    // Without a speaker the words stay where they are written.
    expect(analyzeQuery('研究院接下来打算怎么做？', CHINESE).words.some((w) => w.speaker)).toBe(false);
  });

  it('for what a named speaker said, a sentence of quoted speech over one that names the speaker again', () => {
    // Two paragraphs: the speaker's name in the second does not reach the quotation of the first.
    const s = [
      { text: '“要把发展先进制造业作为甲市产业体系的‘母机’。”', paragraph: 'p1' },
      { text: '吴某说，接下来，甲市将以“33618”思路发展先进制造业体系。', paragraph: 'p2' },
    ];
    const question = '经信委的吴某说要把发展先进制造业当成甲市产业体系的啥？';
    const q = analyzeQuery(question, CHINESE);
    expect(q.words.some((w) => w.speaker)).toBe(true);
    expect(pickSentence(q, wordStats(q, () => 1, knobs), s, CHINESE, knobs)).toBe(0);
    // A short quoted name (“33618”) is no speech: without the quotation the speaker's sentence wins.
    const noSpeech = [{ text: '要把发展先进制造业作为甲市产业体系的母机。', paragraph: 'p1' }, s[1]!];
    expect(pickSentence(q, wordStats(q, () => 1, knobs), noSpeech, CHINESE, knobs)).toBe(1);
  });

  it('for what a named person said, not the words of another speaker in the same passage', () => {
    const q = analyzeQuery('甲区委书记许红兵说要加快布局哪些未来产业？', CHINESE);
    const p1 = '他表示，全市将布局建设未来产业、新兴产业。';
    const p2 = '甲区委书记许红兵表示，甲区将把产业发展摆在更加突出位置。';
    const s = [p1, p2];
    const at = (withParagraph: boolean) => pickSentence(q, wordStats(q, () => 1, knobs), s.map((text) => (withParagraph ? { text, paragraph: text } : { text })), CHINESE, knobs);
    expect(at(false)).toBe(0); // on words alone, the other speaker's sentence wins
    expect(at(true)).toBe(1); // the paragraph naming the asked person holds the answer
  });

  it('for an event named by its date (2月21日那次会议), the sentence answering about it, not the dated lead', () => {
    const lead = '2月21日，甲区委常委会召开会议，学习贯彻重要讲话精神。';
    const who = '区委书记张某主持会议。';
    // Two paragraphs, as the report prints them: the lead, then who chaired.
    const { text, judgeOf } = twoParagraphs(lead, who, 'both');
    const j = judgeOf('甲区委常委会2月21日那次会议是谁主持的？');
    expect(text.slice(j.best.start, j.best.end)).toBe(who);
    expect(j.numberMissing).toBe(false); // the lead dates the passage
    // Another date asked is still missing, and a date asked for is an answer, not the event's name.
    expect(judgeOf('甲区委常委会3月15日那次会议是谁主持的？').numberMissing).toBe(true);
    const when = judgeOf('甲区委常委会是几月几号开的会？').best;
    expect(text.slice(when.start, when.end)).toBe(lead);
  });

  it('for a section named by quoting its heading, the quoted words hold for every sentence under it', () => {
    const section = '不断创新服务内容';
    const s = ['甲银行行长向某表示，这句话始终萦绕在脑海里。', '甲银行将全力服务小微企业，不断创新服务内容。'];
    const pickIn = (question: string, withSection: boolean) => {
      const q = analyzeQuery(question, CHINESE);
      return pickSentence(q, wordStats(q, () => 1, knobs), s.map((text) => (withSection ? { text, section } : { text })), CHINESE, knobs);
    };
    expect(pickIn('“不断创新服务内容”那一节是谁在讲话？', true)).toBe(0); // the post and name answer "who"
    expect(pickIn('“不断创新服务内容”那一节是谁在讲话？', false)).toBe(1); // without the heading, the repeated words win
    expect(pickIn("'不断创新服务内容'那一段，是哪个部门的领导在讲？", true)).toBe(0); // typed with ASCII quotes
    // Not quoted, the words are the question's own: the sentence holding them still counts them alone.
    expect(pickIn('不断创新服务内容是谁在讲话？', true)).toBe(1);
  });

  it('takes "X把A比作什么" for reported words: X is the speaker, the likening is in the quotation', () => {
    const q = analyzeQuery('市经信委副主任吴涛把发展先进制造业比作产业体系的什么？', CHINESE);
    expect(q.answerType.quote).toBe(true);
    expect(q.words.filter((w) => w.speaker).map((w) => w.word)).toEqual(expect.arrayContaining(['经信委', '副主任', '吴涛']));
    expect(q.words.find((w) => w.word === '制造业')?.speaker).toBeUndefined();
    const paragraph = '“要把发展先进制造业作为产业体系的‘母机’。”吴涛说，市经信系统接下来将发展先进制造业。';
    const s = ['“要把发展先进制造业作为产业体系的‘母机’。”', '吴涛说，市经信系统接下来将发展先进制造业。'];
    expect(pickSentence(q, wordStats(q, () => 1, knobs), s.map((text) => ({ text, paragraph })), CHINESE, knobs)).toBe(0);
  });

  it('weighs a person\'s name jieba does not know (a surname, then one or two characters) as a name', () => {
    // The speaker's introduction names him; the quotation holds the other words of the question.
    const s = ['吴涛说，接下来将发展先进制造业体系。', '“要把发展先进制造业作为产业体系的‘母机’。”'];
    expect(pick('副主任吴涛把发展先进制造业比作产业体系的什么？', s)).toBe(1);
  });

  it('for "how many", the sentence with the figure', () => {
    const s = ['永川科技片场由三河公司运营。', '二期建成后总的棚拍面积3.7万平方米。'];
    expect(pick('永川科技片场棚拍面积有多大？', s)).toBe(1);
  });

  it('the figure in a sentence going on about the subject of the one before, which named the focus', () => {
    const s = ['春潮涌动，万物竞发。', '施工单位全力推进建设。', '该项目位于甲区乙工业园内，公寓建筑面积6万余平方米。', '项目预计今年10月全部完工。'];
    expect(pick('工业园那个公寓什么时候能完工？', s)).toBe(3);
    // Another subject: the focus is not carried over.
    expect(pick('工业园那个公寓什么时候能完工？', [...s.slice(0, 3), '园区预计今年10月全部完工。'])).toBe(2);
    expect(sameSubject('该项目位于甲区。', '项目预计10月完工。')).toBe(true);
    expect(sameSubject('该项目位于甲区。', '该园区还将扩建。')).toBe(true);
    expect(sameSubject('该项目位于甲区。', '此外，园区还将扩建。')).toBe(false);
    expect(sameSubject('甲项目位于甲区。', '项目预计10月完工。')).toBe(false);
  });

  it('not the scene lead (a time, then where the reporter stands), which names the subject and answers nothing', () => {
    const cases: [string, string[]][] = [
      ['乙公司生产车间改造花了多少钱？', ['日前，走进位于甲县的乙公司生产车间，一条条生产线正忙碌运转。', '车间改造累计投入2.2亿元。']],
      ['乙公寓项目什么时候全部建好？', ['4月20日，在甲区乙公寓项目建设现场，工人们正在施工。', '项目预计今年10月全部完工。']],
    ];
    for (const [question, sentences] of cases) {
      const q = analyzeQuery(question, CHINESE);
      const at = (sceneFactor: number) => pickSentence(q, wordStats(q, () => 1, knobs), sentences.map((text) => ({ text })), CHINESE, { ...knobs, sceneFactor });
      expect(at(knobs.sceneFactor)).toBe(1);
      expect(at(1)).toBe(0); // scored like any other sentence, the lead's names and date win
    }
    // Without the reporter's standpoint (在 / 位于 / 走进 … after the time) it is an ordinary sentence.
    const q = analyzeQuery('乙公司生产车间改造花了多少钱？', CHINESE);
    const plain = ['日前，甲县乙公司生产车间一条条生产线正忙碌运转。', '车间改造累计投入2.2亿元。'].map((text) => ({ text }));
    expect(pickSentence(q, wordStats(q, () => 1, knobs), plain, CHINESE, { ...knobs, sceneFactor: 0 })).toBe(0);
  });
});

describe('an interrogative glued to the noun after it (哪些方面)', () => {
  it('is split back, so the question asks and its speaker is found', () => {
    const q = analyzeQuery('甲区委书记高某说甲区要当好哪些方面的先行区？', CHINESE);
    expect(q.words.map((w) => w.word)).not.toContain('哪些方面');
    expect(q.words.find((w) => w.word === '区委书记')?.speaker).toBe(true);
    expect(analyzeQuery('乙公司的产品卖到了哪些地方？', CHINESE).words.map((w) => w.word)).toContain('地方');
  });
});

describe('regional question words', () => {
  it('are read in their standard form: always for 啥子, 咋个; for 好多, 好久 … only when nothing else asks', () => {
    expect(standardQuestionWords('甲厂要争创个啥子城市？', CHINESE)).toBe('甲厂要争创个什么城市？');
    expect(analyzeQuery('甲厂搞技改砸了好多钱来着？', CHINESE).answerType.money).toBe(true);
    expect(analyzeQuery('甲公寓好久能全部完工嘛？', CHINESE).answerType.measure).toBeDefined();
    // Standard Chinese "many" where the question asks with another word.
    expect(standardQuestionWords('好多人问甲区区长是谁？', CHINESE)).toBe('好多人问甲区区长是谁？');
    // 是好久…的 asks when; 好久 alone, how long.
    expect(analyzeQuery('那趟班列是好久到的甲站？', CHINESE).answerType.when).toBe(true);
    expect(analyzeQuery('那趟班列要好久才到甲站？', CHINESE).answerType.when).toBe(false);
  });

  it('are read as asking at the end of a clause after 有, beside another question word', () => {
    expect(standardQuestionWords('甲片场到底有好大、有啥设备？', CHINESE)).toBe('甲片场到底有多大、有啥设备？');
    expect(standardQuestionWords('甲厂有好多工人，产值是多少？', CHINESE)).toBe('甲厂有好多工人，产值是多少？');
    expect(standardQuestionWords('甲厂有啥产品，年产值有好多？', CHINESE)).toBe('甲厂有啥产品，年产值有多少？');
  });
});

describe('measure words glued to the next word', () => {
  it('are split back after a demonstrative or a numeral when the glued word is no word of general text (那列拉 → 列 拉)', () => {
    const words = (q: string) => analyzeQuery(q, CHINESE).words.map((w) => w.word);
    expect(words('那列拉木薯淀粉的班列是哪天到的？')).not.toContain('列拉');
    expect(words('那列拉木薯淀粉的班列是哪天到的？')).toContain('木薯');
    expect(words('列拉是哪国的城市？')).toContain('列拉'); // no demonstrative before it: left as jieba reads it
  });
});

describe('questions of several parts', () => {
  it('are split at question marks and semicolons when each part asks something', () => {
    expect(questionParts('潼南区委书记是谁？潼南一季度柠檬出口了多少吨？')).toEqual(['潼南区委书记是谁？', '潼南一季度柠檬出口了多少吨？']);
    expect(questionParts('永川区委书记是谁？')).toEqual(['永川区委书记是谁？']);
    expect(questionParts('真的吗？永川区委书记是谁？')).toEqual(['真的吗？永川区委书记是谁？']); // 真的吗 asks nothing alone
    // …and at a comma when each side asks something.
    expect(questionParts('甲区区委书记是哪个，甲区柠檬一季度又出口了好多？')).toEqual(['甲区区委书记是哪个，', '甲区柠檬一季度又出口了好多？']);
    expect(questionParts('听说甲区柠檬卖得好，一季度出口了多少吨？')).toEqual(['听说甲区柠檬卖得好，一季度出口了多少吨？']);
    // Typed as keywords, two asks apart by a space; keywords that ask nothing stay one query.
    expect(questionParts('甲区书记谁 重点项目开工几个')).toEqual(['甲区书记谁', '重点项目开工几个']);
    expect(questionParts('甲区 低空经济 产业园')).toEqual(['甲区 低空经济 产业园']);
    // A statement, then 那 and a question of its own: only the question is asked; a short one keeps the statement.
    expect(questionParts('甲区的土壤90%都富硒，那我们乙区的土壤富硒比例是多少？')).toEqual(['那我们乙区的土壤富硒比例是多少？']);
    expect(questionParts('甲区的土壤90%都富硒，那乙区呢？')).toEqual(['甲区的土壤90%都富硒，那乙区呢？']);
    // 那 pointing back at what the statement names ("that") keeps the statement: it says what is asked about.
    expect(questionParts('配图里甲公司研究院的人在看新闻，那是在哪个园区拍的？')).toEqual(['配图里甲公司研究院的人在看新闻，那是在哪个园区拍的？']);
    expect(questionParts('甲区软件收入710亿我晓得了，还想问：甲区软件产业的利润总额有多少？')).toEqual(['甲区软件产业的利润总额有多少？']);
    expect(questionParts('甲区是干啥子的，啥职务？')).toEqual(['甲区是干啥子的，啥职务？']);
    // A piece that asks nothing is context for the question before it, not a question of its own.
    expect(questionParts('甲区上半年开工了多少个项目？我看到的报道讲的是六月底的情况。')).toEqual(['甲区上半年开工了多少个项目？我看到的报道讲的是六月底的情况。']);
  });

  it('know a part that continues the one before: it points back at its answer or names no subject of its own', () => {
    expect(refersBack('他对这次讲话怎么表态的？')).toBe(true);
    expect(refersBack('该项目何时完工？')).toBe(true);
    expect(refersBack('货值多少？')).toBe(true);
    expect(refersBack('甲县一季度柠檬出口了多少吨？')).toBe(false);
    expect(refersBack('对制造业说了什么？', '甲委主任是谁，')).toBe(true); // asks joined by a comma
    expect(refersBack('对总书记讲话怎么表态的？')).toBe(true); // no subject of its own
    expect(refersBack('那天他出席会议了没有？')).toBe(true); // a time pointing back, then the pronoun
    // Nothing that pins an answer down (no name, number or specific term): it asks on about the part before.
    expect(refersBack('去年说是突破了多少。', '甲县产值是多少？', [{ key: false }, { key: false }])).toBe(true);
    expect(refersBack('去年甲县产值突破了多少。', '乙县产值是多少？', [{ key: false }, { key: true }])).toBe(false);
    expect(refersBack('当时她是怎么评价这次会议的？')).toBe(true);
    expect(refersBack('那天甲县的会议由谁主持？')).toBe(false); // a subject of its own
    // 他 / 她 after a topic still points back; 其他, 他人 do not.
    expect(refersBack('2月21日的甲县常委会他出席了吗？')).toBe(true);
    expect(refersBack('甲县会议还部署了其他哪些工作？')).toBe(false);
    expect(refersBack('甲县会议上有没有提到帮助他人的志愿服务？')).toBe(false);
  });
});

describe('declining on evidence', () => {
  type J = Partial<{ numberMissing: boolean; postMismatch: boolean; opposite: boolean; periodConflict: boolean; metricConflict: boolean; bodyConflict: boolean; placeAbsent: boolean }>;
  const scored = (j: J) =>
    ({ score: 1, judgement: { numberMissing: false, postMismatch: false, opposite: false, periodConflict: false, metricConflict: false, bodyConflict: false, placeAbsent: false, typeAbsent: false, typeOk: true, measureMissing: false, focusMissing: false, ...j } }) as unknown as Parameters<typeof conflicts>[0][number];

  it('declines when the passage that would answer contradicts the question (number, post, direction, period, measure, place)', () => {
    for (const flag of ['numberMissing', 'postMismatch', 'opposite', 'periodConflict', 'metricConflict', 'bodyConflict', 'placeAbsent'] as const) {
      expect(conflicts([scored({ [flag]: true }), { ...scored({}), score: 0.5 }], 0.1)).toBe(true);
      // …unless a passage free of contradiction scores nearly as well: it may be the answer.
      expect(conflicts([scored({ [flag]: true }), { ...scored({}), score: 0.95 }], 0.1)).toBe(false);
    }
  });

  it('declines when that passage holds no answer of the asked kind and no close rival holds one', () => {
    const with_ = (score: number, typeAbsent: boolean) => ({ ...scored({}), score, judgement: { ...scored({}).judgement, typeAbsent } }) as ReturnType<typeof scored>;
    expect(conflicts([with_(1, true), with_(0.5, false)], 0.1)).toBe(true);
    expect(conflicts([with_(1, true), with_(0.95, false)], 0.1)).toBe(false); // the rival may be the answer
    expect(conflicts([with_(1, true), with_(0.95, true)], 0.1)).toBe(true);
  });

  it('shows first the rival that may be the answer, where the first passage contradicts the question', () => {
    const at = (score: number, j: Record<string, boolean>) => ({ ...scored({}), score, judgement: { ...scored({}).judgement, ...j } }) as ReturnType<typeof scored>;
    const first = at(1, { postMismatch: true, typeAbsent: true, focusMissing: true });
    const rival = at(0.95, {});
    expect(rivalFirst([first, rival], 3, 0.1)).toEqual([rival, first]);
    expect(rivalFirst([at(1, {}), rival], 3, 0.1)[0]!.score).toBe(1); // the first contradicts nothing: kept
    expect(rivalFirst([first, at(0.5, {})], 3, 0.1)[0]).toBe(first); // the rival scores far lower
    expect(rivalFirst([first, at(0.99, { focusMissing: true }), at(0.98, { typeAbsent: true }), rival], 3, 0.1)[0]).toBe(first); // none within the first three may answer
  });

  it('lets only a rival that may be the answer stop a decline: it names the focus and holds the asked kind near', () => {
    const rival = (j: Record<string, boolean>) => ({ ...scored({}), score: 0.95, judgement: { ...scored({}).judgement, ...j } }) as ReturnType<typeof scored>;
    expect(conflicts([scored({ placeAbsent: true }), rival({})], 0.1)).toBe(false);
    expect(conflicts([scored({ placeAbsent: true }), rival({ focusMissing: true })], 0.1)).toBe(true);
    expect(conflicts([scored({ placeAbsent: true }), rival({ typeOk: false })], 0.1)).toBe(true);
    // Asked 多少列, a rival counting in no 列 holds no answer of the asked kind either.
    expect(conflicts([scored({ placeAbsent: true }), rival({ measureMissing: true })], 0.1)).toBe(true);
  });

  it('does not when that passage agrees (whatever the next ones say), or when there is none', () => {
    expect(conflicts([scored({}), scored({ numberMissing: true }), scored({ opposite: true })])).toBe(false);
    expect(conflicts([])).toBe(false);
  });
});

describe('the kind of answer a passage holds', () => {
  it('is found in the sentence or its paragraph, never in a heading or a caption mark', () => {
    const q = analyzeQuery('甲区有多少工人？', CHINESE);
    const words = wordStats(q, () => 1, knobs);
    // The title counts three things ("三个作用"): that answers no "how many".
    const titled = passage('甲区企业生产线，工人和机器手臂协同作业。', '', '以“三个作用”为引领');
    expect(judge(q, words, titled.chunk, titled.article, CHINESE, knobs).typeOk).toBe(false);
    // NFKC makes ① a digit: a caption's "①甲区" is no count either.
    expect(judged('甲区有多少工人？', '①甲区：企业生产线，工人和机器手臂协同作业。').typeOk).toBe(false);
    expect(judged('甲区有多少工人？', '①甲区：企业生产线，1200名工人协同作业。').typeOk).toBe(true);
  });

  it('leniently takes a count in another measure word for a count asked, but not a date, a span of years or a percentage', () => {
    const q = analyzeQuery('甲公司每年从几个国家进口零部件？', CHINESE);
    expect(q.answerType.measure).toBe('个');
    expect(holdsAnswer(q, '甲公司的产品比进口产品便宜75%—80%，十年前全靠进口。', CHINESE)).toBe(false);
    expect(holdsAnswer(q, '2024年3月，甲公司实现国产化。', CHINESE)).toBe(false);
    expect(holdsAnswer(q, '甲公司产品远销十几个国家和地区。', CHINESE)).toBe(true);
    expect(holdsAnswer(analyzeQuery('甲公司有几台设备？', CHINESE), '甲公司建成3条生产线。', CHINESE)).toBe(true);
  });

  it('takes, exactly, a count in a measure word that counts the same things (列 for 趟), and no other', () => {
    const q = analyzeQuery('甲区的班列去年跑了多少趟？', CHINESE);
    expect(q.answerType.measure).toBe('趟');
    expect(holdsAnswer(q, '甲区班列开行1804列，居全市第一。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '甲区班列运量达4700万吨。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(q, '甲区班列开行1804列，居全市第一。', makeLexicon({ ...CHINESE, measureKin: [] }), true)).toBe(false);
    expect(holdsAnswer(analyzeQuery('甲区新增多少户市场主体？', CHINESE), '甲区新增市场主体120家。', CHINESE, true)).toBe(true);
  });

  it('takes a post followed by a name for "which post" (什么职务, 担任什么)', () => {
    const q = analyzeQuery('王某某在甲区担任什么职务？', CHINESE);
    expect(q.answerType.post).toBe(true);
    expect(holdsAnswer(q, '区人大常委会党组书记、主任王某某参加会议。', CHINESE)).toBe(true);
    expect(holdsAnswer(q, '认真听取大家发言后，王某某说，此次会议准备充分。', CHINESE)).toBe(false);
    // For ranking and bold, the post must introduce the person asked about, not someone else.
    const named = analyzeQuery('张建华在甲区担任什么职务？', CHINESE);
    expect(holdsAnswer(named, '区人大常委会党组书记、主任张建华参加会议。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(named, '区委书记李明主持会议，张建华参加会议。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(named, '区委书记李明主持会议，张建华参加会议。', CHINESE)).toBe(true); // leniently, any post and name
    // Several posts asked (担任哪些职务, 身兼哪些职务, 哪几个职位) are posts too, not a list of anything.
    for (const asked of ['王某某在甲区担任哪些职务？', '王某某在甲区身兼哪些职务？', '王某某有哪几个职位？', '王某某现在的职务是什么？']) expect(analyzeQuery(asked, CHINESE).answerType.post).toBe(true);
  });

  it('for ranking and bold, takes a name for "who" only where a post introduces it', () => {
    const who = analyzeQuery('那一段是哪位负责人在表态？', CHINESE);
    const mentioned = '甲区怎样落实习近平总书记这一殷殷嘱托？'; // jieba tags 殷殷 a name; a post precedes it, not right before
    expect(holdsAnswer(who, mentioned, CHINESE, true)).toBe(false);
    expect(holdsAnswer(who, '研究院院长、首席科学家金石说，研究院取得了进展。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(who, '甲区商务委员会主任宋开颜表示，将融入新格局。', CHINESE, true)).toBe(true);
  });

  it('answers "how big / long / heavy" with a unit of that dimension, and 多大比例 with no size', () => {
    const big = analyzeQuery('那套公寓一套多大？', CHINESE);
    expect(holdsAnswer(big, '公寓按两室两厅（70平方米/套）设计。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(big, '8栋主体结构拔地而起。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(analyzeQuery('生产一扇门要多久？', CHINESE), '实现95秒完成生产。', CHINESE, true)).toBe(true);
    expect(analyzeQuery('土壤里有多大比例含硒？', CHINESE).answerType.measure).toBeUndefined();
    // 多大份额 asks a share, not an area (a caption's 万亩园区 is no answer in square metres or mu).
    expect(analyzeQuery('甲区的手机镜头在全世界占多大份额？', CHINESE).answerType.measure).toBeUndefined();
    expect(analyzeQuery('甲区的园区占地有多大？', CHINESE).answerType.measure).toBeDefined();
    // 多大 before a noun names the quantity (多大功率, 好大个规模); before a particle it asks a size.
    expect(analyzeQuery('甲发动机能输出多大功率？', CHINESE).answerType.measure).toBeUndefined();
    expect(analyzeQuery('甲片场到底有好大个规模？', CHINESE).answerType.measure).toBeUndefined();
    expect(analyzeQuery('甲片场那个摄影棚到底好大嘛？', CHINESE).answerType.measure).toBeDefined();
    expect(analyzeQuery('甲片场有多大的面积？', CHINESE).answerType.measure).toBeDefined();
  });

  it('answers a rate or a share with a percentage, and a passage without any holds none', () => {
    const rate = analyzeQuery('2022年甲区GDP增速是多少？', CHINESE);
    expect(rate.answerType.rate).toBe(true);
    expect(judged('2022年甲区GDP增速是多少？', '2022年甲区GDP突破1200亿元，全市排名靠前。').typeAbsent).toBe(true);
    expect(judged('2022年甲区GDP增速是多少？', '2022年甲区GDP增长6.1%。').typeAbsent).toBe(false);
    expect(analyzeQuery('生产线的合格率现在多少？', CHINESE).answerType.rate).toBe(true);
    for (const share of ['甲地的土壤有多大比例含硒？', '研发投入占经济总量的百分之多少？']) expect(analyzeQuery(share, CHINESE).answerType.rate).toBe(true);
    expect(analyzeQuery('发动机功率密度达到多少？', CHINESE).answerType.rate).toBeUndefined(); // 功率 is no rate
  });

  it('counts a measure asked and not given (多少辆, a passage counting only in 亿元) against the passage', () => {
    expect(judged('甲厂去年出口了多少辆车？', '甲厂去年出口额达12亿元。').measureMissing).toBe(true);
    expect(judged('甲厂去年出口了多少辆车？', '甲厂去年出口汽车1.2万辆。').measureMissing).toBe(false);
    expect(judged('甲厂去年出口额是多少？', '甲厂去年出口额达12亿元。').measureMissing).toBe(false); // no measure asked
    // Units are measure words too (标箱, 人次, 立方米 …): trains run are not containers carried.
    expect(judged('甲班列去年运了多少标箱？', '甲班列去年开行1804列。').measureMissing).toBe(true);
    expect(judged('甲班列去年运了多少标箱？', '甲班列去年运输3.2万标箱。').measureMissing).toBe(false);
  });
});

describe('the kind of answer a sentence holds', () => {
  it('takes a post followed by a surname and a given name for a person, not a post followed by other words', () => {
    const q = analyzeQuery('甲区区长是谁？', CHINESE);
    expect(holdsAnswer(q, '区长王某某出席会议。', CHINESE)).toBe(true);
    expect(holdsAnswer(q, '区长双月调度，副区长按月调度。', CHINESE)).toBe(false);
    // For ranking and bold a surname that starts a common word is no name (季度: a quarter).
    const secretary = analyzeQuery('甲区区委书记是谁？', CHINESE);
    expect(holdsAnswer(secretary, '甲区建立调度机制：区委书记季度调度、区长双月调度。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(secretary, '甲区区委书记高洪波表示，将坚决做到。', CHINESE, true)).toBe(true);
    // The holder's other posts may come between ("党委书记、副局长王伟").
    expect(holdsAnswer(analyzeQuery('市某局党委书记是谁？', CHINESE), '市某局党委书记、副局长王某表示。', CHINESE)).toBe(true);
    // …and titles that are no post ("院长、首席科学家金某").
    const head = analyzeQuery('甲研究院的院长是谁？', CHINESE);
    expect(holdsAnswer(head, '甲研究院院长、首席科学家金某说，研究院在人工智能领域取得成果。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(head, '甲研究院院长说，研究院在人工智能领域取得成果。', CHINESE, true)).toBe(false);
  });

  it('takes a count in another measure word as an answer, but only its own as an exact one', () => {
    const q = analyzeQuery('去年卖出去多少张票？', CHINESE);
    expect(holdsAnswer(q, '购票游客141万人次。', CHINESE)).toBe(true);
    expect(holdsAnswer(q, '购票游客141万人次。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(q, '共售出3万张。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '景区游客络绎不绝。', CHINESE)).toBe(false);
  });

  it('knows when a whole passage holds no answer of the asked kind', () => {
    expect(judged('甲项目什么时候完工？', '甲项目建设现场，工人正在忙碌。').typeAbsent).toBe(true);
    expect(judged('甲项目什么时候完工？', '甲项目建设现场，工人正在忙碌。项目预计10月全部完工。').typeAbsent).toBe(false);
    expect(judged('甲项目建得怎么样？', '甲项目建设现场，工人正在忙碌。').typeAbsent).toBe(false); // asks for no kind
    expect(judged('甲区生产总值多少钱？', '甲区生产总值迈上8万亿级新台阶。').typeAbsent).toBe(false); // an amount without 元
    expect(judged('照片里是谁在看新闻？', '村民某某和家人观看新闻。').typeAbsent).toBe(false); // a bare name is not told reliably
  });

  it('takes an enumeration as the answer to "which ones", for the bold sentence only', () => {
    const q = analyzeQuery('甲区农业主要有哪些优势产业？', CHINESE);
    expect(q.answerType.list).toBe(true);
    expect(holdsAnswer(q, '甲区有茶叶、食用菌、水果等优势产业。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '甲区优势产业发展很快。', CHINESE, true)).toBe(false);
    // No decision rests on it: a list may be written in prose.
    expect(judged('甲区农业主要有哪些优势产业？', '甲区优势产业发展很快。').typeOk).toBe(true);
    expect(judged('甲区农业主要有哪些优势产业？', '甲区优势产业发展很快。').typeAbsent).toBe(false);
  });

  it('reads 哪几座 as asking which ones, not how many, and 那几个 as asking nothing', () => {
    expect(analyzeQuery('要打造哪几座城？', CHINESE).answerType.count).toBe(false);
    expect(analyzeQuery('那几个产业要做到啥规模？', CHINESE).answerType.count).toBe(false);
    expect(analyzeQuery('要打造几座城？', CHINESE).answerType.count).toBe(true);
  });
});

describe('the bold sentence of a quotation', () => {
  it('takes in the quotation the chosen sentence refers back to or introduces', () => {
    const back = '“民生为大，事事关心。”甲行行长某某表示，总书记说的这句话，这些天始终萦绕在脑海里。';
    const j = judged('甲行行长某某说，总书记哪句话一直萦绕在他脑海里？', back);
    expect(back.slice(j.best.start, j.best.end)).toContain('民生为大');
    expect(back.slice(j.best.start, j.best.end)).toContain('萦绕');
    // A sentence holding the quotation itself stays as it is.
    const inline = '甲行行长某某表示：“民生为大，事事关心。”会议随后结束。';
    const k = judged('甲行行长某某说了什么？', inline);
    expect(inline.slice(k.best.start, k.best.end)).not.toContain('会议随后结束');
  });

  it('takes "那句话是什么" as asking for someone\'s words', () => {
    expect(analyzeQuery('甲行行长一直记着的总书记那句话是什么？', CHINESE).answerType.quote).toBe(true);
    expect(analyzeQuery('甲行行长记着什么？', CHINESE).answerType.quote).toBe(false);
  });

  it('takes in the quotation a short attribution closes (“…”处长某某表示。), over sentences', () => {
    const text = '“讲话指明了方向。让我们备受鼓舞！”甲市软件处处长王立刚谈起感受时表示。这段时间，他忙于整理数据。';
    const j = judged('软件处的王立刚说了些什么感受？', text);
    expect(text.slice(j.best.start, j.best.end)).toContain('备受鼓舞');
    expect(text.slice(j.best.start, j.best.end)).toContain('谈起感受时表示');
    // An attribution that says something itself is no pointer: one sentence is bold, not both.
    const says = '“讲话指明了方向。”处长王立刚谈起感受时表示，甲市软件产业增长8.8%。';
    const { start, end } = judged('软件处的王立刚说了些什么感受？', says).best;
    const k = says.slice(start, end);
    expect(k.includes('指明了方向') && k.includes('增长8.8%')).toBe(false);
  });
});

describe('ranking', () => {
  it('puts the passage holding an answer of the asked type first, other things equal', () => {
    const caption = judged('甲公司的项目什么时候完工？', '甲公司项目建设现场。');
    const body = judged('甲公司的项目什么时候完工？', '甲公司项目预计10月完工。');
    expect(caption.typeOk).toBe(false);
    expect(body.typeOk).toBe(true);
    const w = DEFAULT_RANKING.weights;
    const same = { ...body, best: caption.best, passage: caption.passage, bigrams: caption.bigrams };
    expect(passageScore(1, same, w) - passageScore(1, caption, w)).toBeCloseTo(w.type);
    // A question asking for no type: no passage holds "the asked type", so it does not count.
    expect(judged('甲公司的项目怎么样？', '甲公司项目预计10月完工。').typeExact).toBe(false);
  });

  it('prefers captions for a question about a photo, whose photo words are not content', () => {
    const q = analyzeQuery('照片里的工人在做什么？', CHINESE);
    expect(q.aboutPhoto).toBe(true);
    expect(q.words.map((w) => w.word)).not.toContain('照片');
    expect(analyzeQuery('工人在做什么？', CHINESE).aboutPhoto).toBe(false);
    expect(analyzeQuery('甲区配的那张图拍的是啥地方？', CHINESE).aboutPhoto).toBe(true); // 张图 as said in chat
    // 镜头 is a thing made (手机镜头, a camera lens) more than a word about a photo: it is content.
    const lens = analyzeQuery('全世界的手机镜头里甲区生产的占多大比例？', CHINESE);
    expect(lens.aboutPhoto).toBe(false);
    expect(lens.words.map((w) => w.word)).toContain('镜头');
    const j = judged('照片里的工人在做什么？', '工人正在忙碌。');
    const w = DEFAULT_RANKING.weights;
    expect(passageScore(1, j, w, 'photo') - passageScore(1, j, w, false)).toBeCloseTo(w.caption);
    // …and ranks them lower for a question that is not about a photo.
    expect(passageScore(1, j, w, false) - passageScore(1, j, w, 'other')).toBeCloseTo(w.otherCaption);
  });

  it('asked for a span of days (几号到几号, 哪几天), takes a written span for the answer when ranking', () => {
    const q = analyzeQuery('总书记这次来甲市考察是几号到几号？', CHINESE);
    expect(q.answerType.range).toBe(true);
    expect(analyzeQuery('总书记这次来甲市考察是哪几天？', CHINESE).answerType).toMatchObject({ when: true, range: true });
    // …also with a verb between (从几号待到几号), not across a clause.
    expect(analyzeQuery('总书记这次来甲市，是从几号待到几号？', CHINESE).answerType.range).toBe(true);
    expect(analyzeQuery('会议是几号开的，开到什么时候？', CHINESE).answerType.range).toBeUndefined();
    expect(holdsAnswer(q, '4月22日至24日，总书记在甲市考察。', CHINESE, true)).toBe(true);
    expect(holdsAnswer(q, '4月26日，干部学习总书记在甲市考察时的讲话。', CHINESE, true)).toBe(false);
    expect(holdsAnswer(q, '4月26日，干部学习总书记在甲市考察时的讲话。', CHINESE)).toBe(true); // a date, leniently
  });

  it('takes a percentage for a price compared with another (比进口的能省多少钱), not for a price alone', () => {
    const cheaper = '我们同样性能的产品，比进口产品便宜75%—80%。';
    expect(holdsAnswer(analyzeQuery('甲公司的产品跟进口货比能省多少钱？', CHINESE), cheaper, CHINESE, true)).toBe(true);
    expect(holdsAnswer(analyzeQuery('甲公司的产品卖多少钱？', CHINESE), cheaper, CHINESE, true)).toBe(false);
    // …and for prices set against each other (和进口货比价格, 价格差距).
    expect(holdsAnswer(analyzeQuery('甲公司是怎么拿自家产品和进口货比价格的？', CHINESE), cheaper, CHINESE, true)).toBe(true);
    expect(holdsAnswer(analyzeQuery('甲公司怎么说自研产品和进口货的价格差距？', CHINESE), cheaper, CHINESE, true)).toBe(true);
  });

  it('takes no counted figure (6万余平方米) for an amount of money', () => {
    expect(judged('甲公寓项目总投资多少钱？', '该项目建筑面积6万余平方米，规划建设780套房屋。').typeAbsent).toBe(true);
    expect(judged('甲公寓项目总投资多少钱？', '该项目总投资突破3亿，规划建设780套房屋。').typeAbsent).toBe(false);
    expect(judged('甲公寓项目有多少套房？', '该项目建筑面积6万余平方米。').typeAbsent).toBe(false); // a count, leniently
  });
});

describe('another measure of the same thing', () => {
  it('is a conflict when the passage gives another measure and never the one asked', () => {
    expect(judged('甲公司去年利润多少？', '甲公司去年实现营业收入710亿元。').metricConflict).toBe(true);
    expect(judged('甲公司去年利润多少？', '甲公司去年实现利润20亿元，营业收入710亿元。').metricConflict).toBe(false);
    // Money put in (投入) is an investment: not the output value asked.
    expect(judged('甲公司技改后年产值有多少？', '甲公司累计投入2.2亿元技改资金，提高了效率。').metricConflict).toBe(true);
    expect(judged('甲公司技改投资有多少？', '甲公司累计投入2.2亿元技改资金，提高了效率。').metricConflict).toBe(false);
    // Foreign exchange earned (外汇收入) is what trade reports call 创汇: not a revenue nor an export volume.
    expect(judged('甲镇柠檬外汇收入多少？', '甲镇柠檬出口量达到6200吨，创汇8100万元。').metricConflict).toBe(false);
    expect(judged('甲镇柠檬外汇收入多少？', '甲镇柠檬出口量达到6200吨。').metricConflict).toBe(true);
    // Days are counted of something: good-air days are not polluted days (空气污染, which jieba tags an idiom).
    expect(judged('甲市空气污染天数有几天？', '甲市空气质量优良天数为75天。').metricConflict).toBe(true);
    expect(judged('甲市空气优良天数有几天？', '甲市空气质量优良天数为75天。').metricConflict).toBe(false);
    expect(judged('甲市一季度GDP是多少？', '甲市一季度空气质量优良天数为75天。').metricConflict).toBe(true);
    // A quantity derived from the one asked (its density, intensity, rate) is another measure; not when asked.
    expect(judged('甲发动机最大功率是多少千瓦？', '甲发动机功率密度达到每千瓦700瓦。').metricConflict).toBe(true);
    expect(judged('甲市人口有多少？', '甲市人口密度为每平方公里300人。').metricConflict).toBe(true);
    expect(judged('甲市人口有多少？', '甲市人口120万，人口密度为每平方公里300人。').metricConflict).toBe(false);
    expect(judged('甲发动机功率密度是多少？', '甲发动机功率密度达到每千瓦700瓦。').metricConflict).toBe(false);
    // A measure in a clause that asks nothing is what the asker knows or leaves out, not what is asked.
    expect(judged('甲公司一季度利润有好多？营业收入那个不算。', '甲公司一季度实现营业收入710亿元。').metricConflict).toBe(true);
    expect(judged('甲公司一季度实现利润好多亿？刚看到收入的数了', '甲公司一季度实现营业收入710亿元。').metricConflict).toBe(true);
    expect(judged('甲公司一季度收入710亿，那利润呢？', '甲公司一季度实现营业收入710亿元。').metricConflict).toBe(true);
    expect(judged('甲公司一季度收入是多少，利润呢？', '甲公司一季度实现营业收入710亿元。').metricConflict).toBe(false);
    // Things joined and asked of each (分别, 各): a passage answering one of them need not name the other.
    expect(judged('甲区去年GDP和研发投入强度分别是多少？', '甲区去年发放贷款1.37亿元，研发投入强度达2.68%。').metricConflict).toBe(false);
    expect(judged('甲公司利润与营业收入各是多少？', '甲公司去年实现营业收入710亿元。').metricConflict).toBe(false);
    expect(judged('甲区去年GDP是多少？', '甲区去年发放贷款1.37亿元，研发投入强度达2.68%。').metricConflict).toBe(true);
    // …or asked of both (A和B都…), and a place written with one of them only: the other's passage need not name it.
    expect(judged('甲厂和永川乙厂都组织谁学习了？', '甲厂第一时间组织产线工人学习讲话精神。').placeAbsent).toBe(false);
    expect(judged('永川乙厂组织谁学习了？', '甲厂第一时间组织产线工人学习讲话精神。').placeAbsent).toBe(true);
    // Asked per unit of weight (or 每公斤, 人均), the question asks the derived quantity itself.
    expect(judged('甲发动机单位重量能输出多少功率？', '甲发动机功率密度达到每千瓦700瓦。').metricConflict).toBe(false);
    expect(judged('甲市每平方公里有多少人口？', '甲市人口密度为每平方公里300人。').metricConflict).toBe(false);
    // Spellings of one measure are one measure (营收 = 营业收入, GDP = 地区生产总值).
    expect(judged('甲公司去年营收多少？', '甲公司去年实现营业收入710亿元。').metricConflict).toBe(false);
    expect(judged('甲区GDP是多少？', '甲区地区生产总值达1200亿元。').metricConflict).toBe(false);
    // A price per unit is asked whatever it is called ("多少钱一张").
    expect(judged('甲景区门票多少钱一张？', '甲景区门票收入突破1亿元。').metricConflict).toBe(true);
    expect(judged('甲景区门票多少钱一张？', '甲景区门票价格为每张80元。').metricConflict).toBe(false);
    // A ticket is one unit: its price is asked without "一张".
    expect(judged('甲景区门票多少钱', '甲景区门票收入突破1亿元。').metricConflict).toBe(true);
    expect(judged('甲景区门票收入多少钱', '甲景区门票收入突破1亿元。').metricConflict).toBe(false);
    // 一共 is no unit: "一共值多少钱" asks for a total, not a price.
    expect(judged('甲区去年出口的货一共值多少钱？', '甲区完成出口3667单，货值13.87亿元。').metricConflict).toBe(false);
    expect(judged('甲景区门票一张要多少钱？', '甲景区门票收入突破1亿元。').metricConflict).toBe(true);
    // A passage naming no measure, or a question asking for none, is not judged so.
    expect(judged('甲公司去年利润多少？', '甲公司去年发展势头良好。').metricConflict).toBe(false);
    expect(judged('甲公司去年怎么样？', '甲公司去年实现营业收入710亿元。').metricConflict).toBe(false);
    // Two things asked: a passage answering the other one need not name this one's measure.
    expect(judged('甲区GDP是多少，研发投入强度又是多少？', '甲区研发投入强度达2.68%，营业收入增长。').metricConflict).toBe(false);
  });

  it('is a conflict when the asked measure is narrowed (旅游综合收入) and the passage narrows it otherwise', () => {
    expect(judged('甲景区去年旅游综合收入是多少？', '甲景区购票游客141万人次，门票收入突破1亿元。').metricConflict).toBe(true);
    expect(judged('甲片场二期建成后总占地面积是多少亩？', '二期建成后，总的棚拍面积3.7万平方米。').metricConflict).toBe(true);
    expect(judged('甲景区去年门票收入是多少？', '甲景区购票游客141万人次，门票收入突破1亿元。').metricConflict).toBe(false);
    // The modifier written elsewhere may be it (主营业务收入 for 主营收入; 经济圈 names the topic).
    expect(judged('甲市软件产业主营收入是多少？', '甲市软件产业实现主营业务收入710亿元。').metricConflict).toBe(false);
    expect(judged('甲乙经济圈人口有多少？', '甲乙经济圈常住人口增长至9853.6万人。').metricConflict).toBe(false);
    // A bare mention (after punctuation) may be the asked one; a question without a modifier asks any.
    expect(judged('甲景区去年旅游综合收入是多少？', '甲景区游客大增，收入突破1亿元。').metricConflict).toBe(false);
    expect(judged('甲景区去年收入是多少？', '甲景区购票游客141万人次，门票收入突破1亿元。').metricConflict).toBe(false);
    // An industry before the measure (软件业收入) is the topic it is told of, not a kind of it.
    expect(judged('一季度甲市软件业收入多少？', '甲市软件产业实现主营业务收入710亿元。').metricConflict).toBe(false);
    expect(judged('一季度甲市软件出口收入多少？', '甲市软件产业实现主营业务收入710亿元。').metricConflict).toBe(true);
  });
});

describe('another public body', () => {
  it('is a conflict when the passage names another body (人大 for 政协) and never the one asked', () => {
    expect(judged('甲区政协党组的民主生活会是哪天开的？', '2月20日，甲区人大常委会机关党组召开民主生活会。').bodyConflict).toBe(true);
    expect(judged('甲区人大党组的民主生活会是哪天开的？', '2月20日，甲区人大常委会机关党组召开民主生活会。').bodyConflict).toBe(false);
    expect(judged('甲区政协党组的民主生活会是哪天开的？', '2月20日，甲区机关党组召开民主生活会。').bodyConflict).toBe(false); // names none
  });

  it('is a conflict when the question names a company (长城汽车) and the passage, about another company, never does', () => {
    const other = '重庆甲乙机械有限公司总经理陈某表示，公司计划到2027年更新老旧设备200台。';
    expect(analyzeQuery('长城汽车永川工厂计划更新多少台老旧设备？', CHINESE).words.find((w) => w.word === '长城汽车')?.tag).toBe('nt');
    expect(judged('长城汽车永川工厂计划更新多少台老旧设备？', other).bodyConflict).toBe(true);
    expect(judged('长城汽车永川工厂计划更新多少台老旧设备？', '长城汽车永川工厂计划更新老旧设备200台。').bodyConflict).toBe(false);
    // A passage naming no company of its own, and a question about several companies, are not judged so.
    expect(judged('长城汽车永川工厂计划更新多少台老旧设备？', '全市计划到2027年更新老旧设备2万台。').bodyConflict).toBe(false);
    expect(judged('长城汽车和长安汽车各自怎么组织学习的？', '长安汽车集团第一时间组织工人学习。').bodyConflict).toBe(false);
    // A word jieba's dictionary tags nt that ends in a verb (联合开发) is an action, not an organisation.
    expect(analyzeQuery('甲公司和德国企业联合开发的发动机功率多大？', CHINESE).words.find((w) => w.word === '联合开发')?.tag).toBe('nt');
    expect(judged('甲公司和德国企业联合开发的发动机功率多大？', '重庆甲公司集团与博世合作研发的发动机功率密度达到每千瓦700瓦。').bodyConflict).toBe(false);
  });
});

describe('the number a question states', () => {
  it('is one written with digits, not a numeral inside a word or a digit glued to letters', () => {
    expect(judged('2021年甲区产值多少？', '2022年甲区产值达到100亿元。').numberMissing).toBe(true);
    expect(judged('2022年甲区产值多少？', '2022年甲区产值达到100亿元。').numberMissing).toBe(false);
    expect(judged('甲港建成了几个千吨级泊位？', '甲港建成干吨级泊位两个。').numberMissing).toBe(false);
    expect(judged('How many days in Q1?', 'days').numberMissing).toBe(false);
  });
});

describe('a numbered summary the coverage never writes', () => {
  it('is the asker\'s summary of a list when one sentence lists that many things ending in its head noun', () => {
    const listed = '甲区要积极打造西部科技影视城、西部新能源汽车城和西部元宇宙示范城。';
    expect(summarisedIn('三城', listed)).toBe(true);
    expect(summarisedIn('四城', listed)).toBe(false);
    expect(summarisedIn('三城', '甲区要积极打造西部科技影视城。西部新能源汽车城和示范城也在规划。')).toBe(false);
    // Not a numeral and a head: a name (两江新区) or a word of one character.
    expect(summarisedIn('两江', '长江流经甲区。')).toBe(false);
    expect(summarisedIn('李勇', listed)).toBe(false);
  });
});

describe("the report's own year", () => {
  it('holds a year asked when the text writes none and the report was published that year, or names it relatively', () => {
    expect(yearOfReport('2024', '一季度，甲市软件产业预计实现收入710亿元。', '2024-04-20')).toBe(true);
    expect(yearOfReport('2023', '一季度，甲市软件产业预计实现收入710亿元。', '2024-04-20')).toBe(false);
    // A text writing its year by number speaks for itself.
    expect(yearOfReport('2024', '2023年一季度，甲市软件产业实现收入600亿元。', '2024-04-20')).toBe(false);
    expect(yearOfReport('2024', '去年，甲区新增企业36家。', '2025-04-01')).toBe(true);
    expect(yearOfReport('2023', '去年，甲区新增企业36家。', '2025-04-01')).toBe(false);
    // Not a year, or no publication date known.
    expect(yearOfReport('710', '一季度收入710亿元。', '2024-04-20')).toBe(false);
    expect(yearOfReport('2024', '一季度收入710亿元。', '')).toBe(false);
  });

  it('is no missing number when judging a passage', () => {
    const q = analyzeQuery('2024年一季度甲市软件产业收入多少？', CHINESE);
    const text = '一季度，甲市软件产业预计实现主营业务收入710亿元。';
    const { article, chunk } = passage(text);
    const judgeIn = (date: string) => judge(q, wordStats(q, () => 1, knobs), chunk, { ...article, meta: { ...article.meta, date } }, CHINESE, knobs).numberMissing;
    expect(judgeIn('2024-04-20')).toBe(false);
    expect(judgeIn('2025-04-20')).toBe(true);
  });
});

describe('another place of the region', () => {
  it('is a conflict when nothing in or around the passage names the district asked', () => {
    expect(judged('万州区建成了多少家数字化车间？', '开州区已建成市级数字化车间42家。').placeAbsent).toBe(true);
    expect(judged('万州区建成了多少家数字化车间？', '万州区已建成市级数字化车间42家。').placeAbsent).toBe(false);
    // The short name counts (万州 for 万州区).
    expect(judged('万州区建成了多少家数字化车间？', '万州已建成市级数字化车间42家，开州也在建。').placeAbsent).toBe(false);
    // A passage naming no place at all, not even in its headings, tells of somewhere else or of the region.
    expect(judged('万州区建成了多少家数字化车间？', '全区已建成市级数字化车间42家。').placeAbsent).toBe(true);
    expect(judged('万州区常住人口有多少？', '全市常住人口增长至3191万人。').placeAbsent).toBe(true);
    // The article or section about another district, its sentence saying only 全区: somewhere else too.
    const q = analyzeQuery('万州区建成了多少家数字化车间？', CHINESE);
    const other = passage('全区已建成市级数字化车间42家。', '', '开州区推进智能制造');
    expect(judge(q, wordStats(q, () => 1, knobs), other.chunk, other.article, CHINESE, knobs).placeAbsent).toBe(true);
    // A question naming no place of the region, or two of them, is not judged so.
    expect(judged('建成了多少家数字化车间？', '开州区已建成市级数字化车间42家。').placeAbsent).toBe(false);
    expect(judged('万州和开州建成了多少家数字化车间？', '开州区已建成市级数字化车间42家。').placeAbsent).toBe(false);
  });

  it('is not when the paragraph or heading names the place asked', () => {
    const q = analyzeQuery('万州区建成了多少家数字化车间？', CHINESE);
    const words = wordStats(q, () => 1, knobs);
    const { article, chunk } = passage('全区已建成市级数字化车间42家。', '万州：数字化车间');
    expect(judge(q, words, chunk, article, CHINESE, knobs).placeAbsent).toBe(false);
  });

  it('is a conflict when the answering sentence names another district and not the one asked, whatever the heading', () => {
    const q = analyzeQuery('万州区建成了多少家数字化车间？', CHINESE);
    const words = wordStats(q, () => 1, knobs);
    const under = (text: string) => {
      const { article, chunk } = passage(text, '万州：数字化车间');
      return judge(q, words, chunk, article, CHINESE, knobs).placeAbsent;
    };
    expect(under('开州区已建成市级数字化车间42家。')).toBe(true);
    expect(under('万州区已建成市级数字化车间42家，开州区也有30家。')).toBe(false);
    // Several things asked of one district: the district still has to be the one the sentence tells of.
    expect(judged('万州区建成了多少家数字化车间、多少家智能工厂？', '开州区已建成市级数字化车间42家、智能工厂5家。').placeAbsent).toBe(true);
  });
});

describe('the decision', () => {
  it('turns signals into a confidence and cuts it twice', () => {
    const d = { weights: [0, 2, -3], notCovered: 0.3, caveat: 0.7 };
    expect(confidenceOf([1, 0], d.weights)).toBeGreaterThan(confidenceOf([1, 1], d.weights));
    expect(statusOf(0.1, d)).toBe('not-covered');
    expect(statusOf(0.5, d)).toBe('caveat');
    expect(statusOf(0.9, d)).toBe('answered');
  });

  it('the fit separates separable examples, and the cut-offs keep declined answerable questions within the limit', () => {
    const data: Example[] = Array.from({ length: 60 }, (_, i) => ({ id: String(i), y: i % 3 === 0 ? 0 : 1, x: [i % 3 === 0 ? 1 : 0, (i % 7) / 7] }));
    const w = fitLogistic(data);
    for (const e of data) expect(predict(w, e.x) > 0.5).toBe(e.y === 1);
    // 200 answerable (one of them scored lower than every unanswerable one), 60 unanswerable.
    const scored = [
      ...Array.from({ length: 199 }, (_, i) => ({ p: 0.6 + (i % 40) / 100, y: 1 as const })),
      { p: 0.01, y: 1 as const },
      ...Array.from({ length: 60 }, (_, i) => ({ p: 0.05 + (i % 50) / 100, y: 0 as const })),
    ];
    const cut = chooseCutOffs(scored, 0.03, 0.9);
    const declined = scored.filter((s) => s.p < cut.notCovered);
    // At most one answerable declined: (1 + 3) / 200 = 2% is within 3% at 95% confidence, 2 would not be.
    expect(declined.filter((s) => s.y === 1).length).toBeLessThanOrEqual(1);
    expect(declined.filter((s) => s.y === 0).length).toBeGreaterThan(30);
    expect(declined.filter((s) => s.y === 0).length / declined.length).toBeGreaterThanOrEqual(0.9);
    expect(cut.caveat).toBeGreaterThanOrEqual(cut.notCovered);
  });

  it('puts the caveat cut-off where answers above it are right often enough, past a stray miss at the top', () => {
    const scored = [
      { p: 0.95, y: 1 as const }, { p: 0.94, y: 0 as const },
      ...Array.from({ length: 60 }, (_, i) => ({ p: 0.93 - i / 1000, y: 1 as const })),
      ...Array.from({ length: 20 }, (_, i) => ({ p: 0.5 - i / 100, y: 0 as const })),
    ];
    const { caveat } = chooseCutOffs(scored, 0.03, 0.9, 0.97);
    expect(caveat).toBeLessThan(0.9); // 61 of 62 above it are answerable: 0.98
    expect(caveat).toBeGreaterThan(0.5);
  });

  it('caveats the answers of a band where one in five or more is to an unanswerable question, even when all above it are right', () => {
    // 200 answerable high, then a low band of 30 answerable and 10 unanswerable (75%), then unanswerable.
    const scored = [
      ...Array.from({ length: 200 }, (_, i) => ({ p: 0.6 + i / 1000, y: 1 as const })),
      ...Array.from({ length: 40 }, (_, i) => ({ p: 0.2 + i / 200, y: (i % 4 === 0 ? 0 : 1) as 0 | 1 })),
      ...Array.from({ length: 40 }, (_, i) => ({ p: 0.05 - i / 1000, y: 0 as const })),
    ];
    const cut = chooseCutOffs(scored, 0.03, 0.9, 0.9);
    expect(cut.notCovered).toBeLessThan(0.3); // the band's lowest may be declined, not the band
    expect(cut.caveat).toBeGreaterThan(0.38); // the rest of the band, up to its last unanswerable question (0.38), is caveated
    expect(cut.caveat).toBeLessThanOrEqual(0.6); // answers above the band are not
    // Nine doubtful answers (0.20–0.28) are too few to set it above them.
    const few = [...scored.slice(0, 200), ...Array.from({ length: 9 }, (_, i) => ({ p: 0.2 + i / 100, y: (i % 3 === 0 ? 0 : 1) as 0 | 1 })), ...scored.slice(240)];
    expect(chooseCutOffs(few, 0.03, 0.9, 0.9).caveat).toBeLessThan(0.28);
  });

  it('bounds a precision from below (Wilson, one-sided 95%): five of five shows little, fifty of fifty much', () => {
    expect(wilsonLower(5, 5)).toBeLessThan(0.7);
    expect(wilsonLower(50, 50)).toBeGreaterThan(0.94);
    expect(wilsonLower(45, 50)).toBeLessThan(0.9);
    expect(wilsonLower(0, 0)).toBe(0);
  });

  it('declines on confidence only where enough right declines show the precision: five unanswerable questions are too few', () => {
    const scored = [...Array.from({ length: 300 }, (_, i) => ({ p: 0.5 + i / 1000, y: 1 as const })), ...Array.from({ length: 5 }, (_, i) => ({ p: 0.1 + i / 100, y: 0 as const }))];
    expect(scored.filter((s) => s.p < chooseCutOffs(scored, 0.03, 0.9).notCovered).length).toBe(0);
    const more = [...scored, ...Array.from({ length: 40 }, (_, i) => ({ p: 0.05 + i / 1000, y: 0 as const }))];
    expect(more.filter((s) => s.p < chooseCutOffs(more, 0.03, 0.9).notCovered).length).toBe(45);
  });

  it('caveats no answer for want of a cut-off reaching the asked precision: that would caveat them all', () => {
    // Every seventh question unanswerable, at every confidence (86% answerable throughout).
    const scored = Array.from({ length: 140 }, (_, i) => ({ p: 0.5 + i / 400, y: (i % 7 === 3 ? 0 : 1) as 0 | 1 }));
    const cut = chooseCutOffs(scored, 0.03, 0.9);
    expect(scored.filter((s) => s.p >= cut.notCovered && s.p < cut.caveat)).toEqual([]);
  });

  it('calibrates outcomes by isotonic regression: non-decreasing, each pooled block its share of ones', () => {
    expect(isotonic([0, 1, 0, 1, 1])).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(isotonic([1, 0, 0, 1])).toEqual([1 / 3, 1 / 3, 1 / 3, 1]);
    expect(isotonic([])).toEqual([]);
  });

  it('puts the "not covered" cut-off halfway between the confidences it separates', () => {
    const scored = [...Array.from({ length: 200 }, (_, i) => ({ p: 0.3 + i / 1000, y: 1 as const })), ...Array.from({ length: 40 }, (_, i) => ({ p: 0.1 - i / 1000, y: 0 as const }))];
    expect(chooseCutOffs(scored, 0.03, 0.9).notCovered).toBeCloseTo(0.2, 10); // between 0.1 and 0.3
  });

  it('declines nothing when too few answerable questions bound the decline rate (rule of three)', () => {
    // 3 / 40 = 7.5% > 3%: even a perfect separation on 40 questions does not show a rate below 3%.
    const scored = [...Array.from({ length: 40 }, () => ({ p: 0.9, y: 1 as const })), ...Array.from({ length: 40 }, () => ({ p: 0.1, y: 0 as const }))];
    expect(chooseCutOffs(scored, 0.03, 0.9).notCovered).toBe(0);
  });
});
