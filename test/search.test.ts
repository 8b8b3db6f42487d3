// Answering real questions in lexical mode (no embedding model): the Engine built by prepare() from
// src/boot.ts over a private copy of the corpus, checked against the dev question set.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare, type Prepared } from '../src/boot.js';
import { leadingByline, sentenceSpans } from '../src/corpus/sentences.js';
import { configWith } from '../src/config.js';
import type { Answer, Passage } from '../src/search/answer.js';
import { bigrams, jaccard } from '../src/text/chars.js';
import { copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

let prepared: Prepared;
const SIDECAR_004 = { title: '永川区委常委会召开会议', paper: '渝西都市报', date: '2023-02' };

beforeAll(async () => {
  const corpus = copyCorpus();
  const config = configWith({
    CORPUS_DIR: corpus,
    EMBEDDINGS_DIR: path.join(tempDir('emb-'), 'embeddings'),
    MODEL_DIR: tempDir('models-'),
    ALLOW_MODEL_DOWNLOAD: 'false',
  });
  prepared = await prepare(config, { quiet: true });
});

const ask = (q: string, k = 5): Promise<Answer> => prepared.engine.ask(q, { k });

describe('set-up without a model', () => {
  it('runs in lexical mode, says why, and indexes the whole corpus', () => {
    expect(prepared.engine.mode).toBe('lexical');
    expect(prepared.embedder).toBeNull();
    expect(prepared.modelProblem).toMatch(/bge-small-zh/);
    expect(prepared.report).toMatchObject({ articles: 5, model: null, problems: [] });
    expect(prepared.engine.chunkCount).toBe(prepared.report!.chunks);
    expect(prepared.engine.sources().map((m) => m.file).sort()).toHaveLength(5);
  });
});

describe('questions in English without a model', () => {
  it('are matched through translated keywords, and the reply says which', async () => {
    const a = await ask('Who is the party secretary of Yongchuan District?');
    expect(a.mode).toBe('lexical');
    expect(a.translatedTerms).toEqual(expect.arrayContaining(['永川']));
    expect(a.results.some((r) => r.text.includes('张智奎'))).toBe(true);
  });

  it('naming a place of the region the coverage never mentions are not covered, and the reply says which', async () => {
    const a = await ask('Who is the mayor of Wanzhou?');
    expect(a).toMatchObject({ answered: false, status: 'not-covered', absent: ['万州'] });
  });
});

describe('bylines', () => {
  it('answer who reported, cited as a byline without a section', async () => {
    const a = await ask('渝西八区联合报道里，铜梁部分是哪位记者写的？');
    expect(a.answered).toBe(true);
    const top = a.results[0]!;
    expect(top.kind).toBe('byline');
    expect(top.text.slice(top.highlight.start, top.highlight.end)).toContain('龙始鑫');
    expect(top.source.section).toBe('');
  });

  it('answer who took the pictures of a story on a page of several (…记者 某某 文图), before its caption', async () => {
    const a = await ask('渝西八区报道里铜梁那张图片是谁拍的？');
    const top = a.results[0]!;
    expect(top.kind).toBe('byline');
    expect(top.text.slice(top.highlight.start, top.highlight.end)).toContain('龙始鑫 文图');
  });

  it('a headline with its deck answers which series and part a story is, cited as a headline', async () => {
    const a = await ask('全力以赴做大经济总量那篇评论是哪个系列的第几篇？');
    const top = a.results[0]!;
    expect(top.kind).toBe('heading');
    expect(top.text.slice(top.highlight.start, top.highlight.end)).toContain('系列评论之二');
    expect(top.source.section).toBe('');
    for (const q of ['永川要做大经济总量提升什么？', '渝西都市报的评论讲了什么？']) {
      const b = await ask(q, 10);
      expect([...b.results, ...(b.closest ?? [])].filter((r) => r.kind === 'heading'), q).toEqual([]);
    }
  });

  it('are never quoted for a question that is not about who reported', async () => {
    for (const q of ['铜梁区融媒体中心报道了什么？', '璧山区有什么新闻？', '渝西都市报讲了永川什么事？']) {
      const a = await ask(q, 10);
      expect([...a.results, ...(a.closest ?? [])].filter((r) => r.kind === 'byline'), q).toEqual([]);
    }
  });
});

describe('a known answer: 永川区委书记是谁？', () => {
  it('quotes a passage naming 张智奎 with the source from the sidecar', async () => {
    const a = await ask('永川区委书记是谁？');
    expect(a.answered).toBe(true);
    expect(a.mode).toBe('lexical');
    const top = a.results[0]!;
    expect(top.text).toContain('张智奎');
    expect(top.source).toMatchObject({ file: '004_ba6466f176dbe6fd.txt', ...SIDECAR_004 });
    expect(top.source.section).toBe(prepared.index.chunks.get(top.chunkId)!.section);
    expect(a.total).toBeGreaterThanOrEqual(a.results.length);
  });

  it('HTML tags around words are ignored', async () => {
    const a = await ask('<b>永川</b>区委书记是<i>谁</i>？');
    expect(a.answered).toBe(true);
    expect(a.results[0]!.text).toContain('张智奎');
  });

  it('invisible characters and terminal escapes pasted into a question change nothing', async () => {
    const plain = await ask('永川区委书记是谁？');
    for (const noisy of ['永川\u200b区委书记是谁？', '永川\u200d区委\u0007书记是谁？', '永川\x1b[31m区委书记\x1b[0m是谁？', '\u202e永川区委书记是谁？']) {
      const a = await ask(noisy);
      expect(a.status, noisy).toBe(plain.status);
      expect(a.confidence, noisy).toBe(plain.confidence);
      expect(a.results[0]?.chunkId, noisy).toBe(plain.results[0]?.chunkId);
    }
  });

  it('a byline opening the answering sentence is not bold (本报讯(…记者 …)2月21日,…)', async () => {
    const a = await ask('永川区委常委会是哪天召开会议的？');
    const top = a.results[0]!;
    const bold = top.text.slice(top.highlight.start, top.highlight.end);
    expect(top.text).toContain('本报讯(渝西都市报记者');
    expect(bold.startsWith('2月21日')).toBe(true);
  });

  it('traditional characters are normalised', async () => {
    const a = await ask('永川區委書記是誰？');
    expect(a.answered).toBe(true);
    expect(a.results[0]!.text).toContain('张智奎');
    const simplified = await ask('永川区委书记是谁？');
    expect(a.results.map((r) => r.chunkId)).toEqual(simplified.results.map((r) => r.chunkId));
  });

  it('full-width digits are normalised', async () => {
    const half = await ask('2023年成渝双城经济圈常住人口有多少？');
    const full = await ask('２０２３年成渝双城经济圈常住人口有多少？');
    expect(full.answered).toBe(true);
    expect(full.results[0]!.text).toContain('9853.6万人');
    expect(full.results.map((r) => r.chunkId)).toEqual(half.results.map((r) => r.chunkId));
  });

  it('k limits the results and offset pages through them', async () => {
    const all = await prepared.engine.ask('区委书记', { k: 10 });
    expect(all.results.length).toBeGreaterThan(2);
    const first = await prepared.engine.ask('区委书记', { k: 2 });
    expect(first.results).toHaveLength(2);
    const second = await prepared.engine.ask('区委书记', { k: 2, offset: 2 });
    expect(second.results.map((r) => r.chunkId)).toEqual(all.results.slice(2, 4).map((r) => r.chunkId));
    expect(first.total).toBe(all.total);
  });
});

describe('questions without content', () => {
  it.each(['', '   ', '？！。', '……', '<b></b>', '<p> </p>', '&nbsp;', 'hi', 'Hello!', '<b>hi</b>', '你好', '您好！', '谢谢啦'])('%j is empty', async (q) => {
    const a = await ask(q);
    expect(a).toMatchObject({ answered: false, reason: 'empty', results: [] });
    expect(a.translatedTerms).toBeUndefined(); // nothing asked, nothing matched
  });

  it('a place the coverage never mentions is not covered', async () => {
    const a = await ask('成都市长是谁？');
    expect(a).toMatchObject({ answered: false, reason: 'not-covered' });
    expect(await ask('万州区委书记是谁？')).toMatchObject({ answered: false, status: 'not-covered', absent: ['万州'] });
  });

  it('a later part pointing back at a declined one is declined with it, in traditional characters too', async () => {
    for (const q of ['万州区长是谁？对总书记的讲话有什么表态？', '万州区长是谁？對總書記的講話有什麼表態？'])
      expect(await ask(q), q).toMatchObject({ answered: false, status: 'not-covered', absent: ['万州'] });
  });

  it('every first passage contradicting the question (another year) is not covered', async () => {
    const a = await ask('2019年永川GDP是多少？');
    expect(a).toMatchObject({ answered: false, status: 'not-covered' });
    expect(a.closest?.length).toBeGreaterThan(1); // the near misses stay reachable
    expect((await ask('2019年永川GDP是多少？', 1)).closest).toHaveLength(1); // no more than asked for
  });
});

describe('quotes', () => {
  const QUESTIONS = [
    '永川区委书记是谁？',
    '市科技局党委书记是谁？',
    '荣昌和潼南的区委书记分别是谁？',
    '长江、乌江涪陵段的水质保持在几类？',
    '永川推进双城经济圈建设靠什么工作机制落实？',
    '区委书记',
    '新质生产力',
    '西部陆海新通道',
  ];
  let answers: Answer[];
  beforeAll(async () => {
    answers = [];
    for (const q of QUESTIONS) answers.push(await prepared.engine.ask(q, { k: 10 }));
    expect(answers.every((a) => a.answered)).toBe(true);
  });

  const passages = (): Passage[] => answers.flatMap((a) => a.results);

  it('are verbatim text of the article, at most 500 characters, inside the chunk', () => {
    for (const p of passages()) {
      expect(p.text.length).toBeLessThanOrEqual(500);
      const chunk = prepared.index.chunks.get(p.chunkId)!;
      expect(chunk.file).toBe(p.source.file);
      expect(chunk.text).toContain(p.text);
      expect(prepared.index.articles.get(p.source.file)!.text).toContain(p.text);
    }
  });

  it('highlight a whole sentence inside the quote (less a byline opening it)', () => {
    for (const p of passages()) {
      const { start, end } = p.highlight;
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      expect(end).toBeLessThanOrEqual(p.text.length);
      const spans = sentenceSpans(p.text);
      const whole = spans.some((s) => (s.start === start || s.start + leadingByline(p.text.slice(s.start, s.end)) === start) && s.end === end);
      expect(whole, `highlight «${p.text.slice(start, end)}» in «${p.text.slice(0, 80)}…»`).toBe(true);
      // An independent check of the end: after sentence punctuation (and closing quotes) or at the quote's end.
      expect(end === p.text.length || /[。！？!?；;][”’」』）)》】"']*$/.test(p.text.slice(start, end))).toBe(true);
    }
  });

  it('keep a byline opening the bold sentence when the question asks who reported', async () => {
    const a = await ask('永川区委常委会开会那条消息是哪位记者写的？');
    const top = a.results[0]!;
    const bold = top.text.slice(top.highlight.start, top.highlight.end);
    expect(leadingByline(bold)).toBeGreaterThan(0);
    const plain = (await ask('永川区委常委会什么时候召开会议？')).results.find((p) => p.chunkId === top.chunkId);
    if (plain) expect(leadingByline(plain.text.slice(plain.highlight.start, plain.highlight.end))).toBe(0);
  });

  it('are ordered by score and carry a coverage in [0, 1]', () => {
    for (const a of answers) {
      for (const p of a.results) {
        expect(p.coverage).toBeGreaterThanOrEqual(0);
        expect(p.coverage).toBeLessThanOrEqual(1);
        expect(Number.isFinite(p.score)).toBe(true);
      }
    }
  });

  it('never include two near-duplicate passages in one answer', () => {
    for (const a of answers) {
      const chunks = a.results.map((r) => prepared.index.chunks.get(r.chunkId)!);
      expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
      for (let i = 0; i < chunks.length; i++) {
        for (let j = i + 1; j < chunks.length; j++) {
          const x = chunks[i]!;
          const y = chunks[j]!;
          const sim = jaccard(bigrams(x.text), bigrams(y.text));
          expect(sim, `${a.question}: #${x.id} ~ #${y.id}`).toBeLessThanOrEqual(0.5);
          if (x.file === y.file) {
            const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
            expect(overlap).toBeLessThanOrEqual(0.5 * Math.min(x.end - x.start, y.end - y.start));
          }
        }
      }
    }
  });
});

describe('Engine.context', () => {
  it('returns the whole paragraph(s) that contain a passage', async () => {
    const a = await ask('永川区委书记是谁？');
    for (const p of a.results) {
      const ctx = prepared.engine.context(p.chunkId)!;
      const chunk = prepared.index.chunks.get(p.chunkId)!;
      const article = prepared.index.articles.get(chunk.file)!;
      expect(ctx.source).toEqual(p.source);
      expect(ctx.text).toContain(chunk.text);
      const paras = article.blocks.filter((b) => b.kind === 'paragraph');
      // It starts at the start of a paragraph and ends at the end of one.
      expect(paras.some((b) => ctx.text.startsWith(b.text))).toBe(true);
      expect(paras.some((b) => ctx.text.endsWith(b.text))).toBe(true);
      // Every paragraph the chunk touches is there in full.
      for (const b of paras.filter((b) => b.start < chunk.end && b.end > chunk.start)) expect(ctx.text).toContain(b.text);
    }
  });

  it('is longer than the quote when the passage is part of a longer paragraph', () => {
    // 004's paragraph starting 会议指出 is 584 characters: longer than any default chunk.
    const article = prepared.index.articles.get('004_ba6466f176dbe6fd.txt')!;
    const para = article.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('会议指出'))!;
    expect(para.text.length).toBeGreaterThan(400);
    const chunk = [...prepared.index.chunks.values()].find((c) => c.file === article.meta.file && c.start > para.start && c.end <= para.end)!;
    expect(chunk).toBeDefined();
    const ctx = prepared.engine.context(chunk.id)!;
    expect(ctx.text).toBe(para.text);
  });

  it('caps very long context around the passage, and knows no unknown chunk', () => {
    const chunk = [...prepared.index.chunks.values()].find((c) => c.text.length > 300)!;
    const ctx = prepared.engine.context(chunk.id, 120)!;
    expect(ctx.text.length).toBeLessThanOrEqual(120);
    expect(prepared.index.articles.get(chunk.file)!.text).toContain(ctx.text);
    expect(prepared.engine.context(987654)).toBeUndefined();
  });
});

describe('sources', () => {
  it('lists the articles newest first with their sidecar metadata', () => {
    const list = prepared.engine.sources();
    expect(list).toHaveLength(5);
    const dates = list.map((m) => m.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(list.find((m) => m.file === '004_ba6466f176dbe6fd.txt')).toMatchObject(SIDECAR_004);
  });
});
