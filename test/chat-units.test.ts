// Units of the chat features: stories inside a page (004), citations with links and copy text, the
// rendering of every answer status (hand-made Answers), the bot's SQLite state, and intake's pieces.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/corpus/chunk.js';
import { loadArticle } from '../src/corpus/load.js';
import { splitStories, storyOf } from '../src/corpus/stories.js';
import { extractDocument, extractPage } from '../src/intake/extract.js';
import { PrivateAddressError, fetchPage, isPrivateAddress } from '../src/intake/fetch.js';
import { addArticle, removeArticle, updateMeta } from '../src/intake/files.js';
import { MESSAGES } from '../src/present/messages.js';
import { COPY_TEXT_MAX, copyCitation, inlineArticle, renderAnswer, renderClosest } from '../src/present/telegram.js';
import { formatTerminal } from '../src/present/terminal.js';
import type { Answer, Passage } from '../src/search/answer.js';
import { BotState } from '../src/telegram/state.js';
import { SEEDS } from './helpers/fs.js';
import { parseHtml } from './support/fake-bot-api.js';

const CORPUS = path.resolve(import.meta.dirname, '..', 'corpus');
const PAGE = '004_ba6466f176dbe6fd.txt';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cb-chat-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function passage(over: Partial<Passage> & { text: string }): Passage {
  const start = over.highlight?.start ?? 0;
  return {
    chunkId: 7,
    kind: 'text',
    highlight: { start, end: over.highlight?.end ?? over.text.length },
    score: 1,
    coverage: 1,
    source: { file: 'a.txt', title: '永川区委常委会召开会议', paper: '渝西都市报', date: '2023-02', section: '' },
    ...over,
  };
}

function answer(over: Partial<Answer>): Answer {
  return { question: '永川区委书记是谁？', answered: true, status: 'answered', mode: 'lexical', confidence: 0.9, results: [], total: 0, ...over };
}

describe('stories inside a page', () => {
  it('splits 004 into its three stories at their own headlines', async () => {
    const article = await loadArticle(CORPUS, PAGE);
    const stories = splitStories(article);
    expect(stories.map((s) => s.title)).toEqual([
      '永川区委常委会召开会议',
      '全力以赴做大经济总量提升发展质量',
      '永川区人大常委会机关党组召开2022年度民主生活会',
    ]);
    expect(article.text.slice(stories[1]!.start, stories[1]!.end)).toContain('GDP突破1200亿');
    expect(article.text.slice(stories[2]!.start)).toContain('潘文峰参加会议');
  });

  it('cites each passage of 004 by its own story, keeping the page title', async () => {
    const article = await loadArticle(CORPUS, PAGE);
    const chunks = chunkArticle(article);
    const cited = (needle: string) => storyOf(article, chunks.find((x) => x.text.includes(needle))!);
    expect(cited('区委书记张智奎主持会议')).toMatchObject({ title: '永川区委常委会召开会议' });
    expect(cited('区委书记张智奎主持会议').page).toBeUndefined();
    expect(cited('GDP突破1200亿')).toMatchObject({ title: '全力以赴做大经济总量提升发展质量', page: '永川区委常委会召开会议' });
    expect(cited('潘文峰参加会议')).toMatchObject({ title: '永川区人大常委会机关党组召开2022年度民主生活会', page: '永川区委常委会召开会议' });
  });

  it('leaves single-story articles (sections with sub-heads, bylines at the end) as one story', async () => {
    for (const file of SEEDS.filter((f) => f !== PAGE)) {
      const article = await loadArticle(CORPUS, file);
      expect(splitStories(article).map((s) => s.title)).toEqual([article.meta.title]);
    }
  });
});

describe('citations', () => {
  const p = passage({
    text: '区委书记张智奎主持会议。区委副书记蔡焘出席。',
    highlight: { start: 0, end: 12 },
    source: { file: 'a.txt', title: '永川<会议>', paper: '渝西都市报', date: '2023-02-21', section: '', url: 'https://example.com/a?x=1&y="2"' },
  });

  it('links the title to the article, escaped, and only for http(s) addresses', () => {
    const [html] = renderAnswer(answer({ results: [p], total: 1 }), 'zh').messages;
    const parsed = parseHtml(html!);
    const link = parsed.entities.find((e) => e.type === 'text_link') as { url: string; offset: number; length: number } | undefined;
    expect(link?.url).toBe('https://example.com/a?x=1&y=%222%22');
    expect(parsed.text.slice(link!.offset, link!.offset + link!.length)).toBe('永川<会议>');
    const js = passage({ ...p, source: { ...p.source, url: 'javascript:alert(1)' } });
    const [plain] = renderAnswer(answer({ results: [js], total: 1 }), 'zh').messages;
    expect(plain).not.toContain('<a ');
    expect(parseHtml(plain!).text).toContain('《永川<会议>》');
  });

  it('copies the answering sentence with title, paper, date and URL, within 256 characters', () => {
    expect(copyCitation(p, 'zh')).toBe('“区委书记张智奎主持会议。”——《永川<会议>》 · 渝西都市报 · 2023年2月21日 https://example.com/a?x=1&y=%222%22');
    const long = passage({ ...p, text: '很长的句子'.repeat(200), highlight: { start: 0, end: 1000 } });
    const copied = copyCitation(long, 'en');
    expect([...copied].length).toBeLessThanOrEqual(COPY_TEXT_MAX);
    expect(copied).toContain('《永川<会议>》 · 渝西都市报 · 21 Feb 2023');
  });

  it('says when the date is unknown, and labels photo captions', () => {
    const caption = passage({ text: '4月23日，工作人员正在收看新闻。', kind: 'caption', source: { ...p.source, date: '', url: undefined as never } });
    const text = parseHtml(renderAnswer(answer({ results: [caption], total: 1 }), 'zh').messages[0]!).text;
    expect(text).toContain('图片说明 · 《永川<会议>》 · 渝西都市报 · 日期不详');
    expect(formatTerminal(answer({ question: 'Who?', results: [caption], total: 1 }), false)).toContain('Photo caption · 《永川<会议>》 · 渝西都市报 · date unknown');
  });

  it('labels bylines', () => {
    const byline = passage({ ...p, text: '甲区融媒体中心记者 张三 文图', kind: 'byline', highlight: { start: 0, end: 15 } });
    expect(parseHtml(renderAnswer(answer({ results: [byline], total: 1 }), 'zh').messages[0]!).text).toContain('署名 · 《永川<会议>》');
    expect(formatTerminal(answer({ question: 'Who wrote it?', results: [byline], total: 1 }), false)).toContain('Byline · 《永川<会议>》');
  });

  it('inline results: story and date as the title, the answering sentence as the description', () => {
    const a = inlineArticle(p, 'zh');
    expect(a.title).toBe('《永川<会议>》 · 2023年2月21日');
    expect(a.description).toBe('区委书记张智奎主持会议。');
  });

  it('the terminal prints the article address', () => {
    expect(formatTerminal(answer({ results: [p], total: 1 }), false)).toContain('https://example.com/a?x=1&y=%222%22');
  });
});

describe('answer statuses', () => {
  const p = passage({ text: '区委书记张智奎主持会议。' });

  it('caveat: the passages under a "possibly relevant" line, not as the answer', () => {
    const r = renderAnswer(answer({ status: 'caveat', confidence: 0.3, results: [p], total: 1 }), 'en');
    const text = parseHtml(r.messages[0]!).text;
    expect(text.startsWith(MESSAGES.en.possiblyRelevant)).toBe(true);
    expect(text).not.toContain(MESSAGES.en.answerLead);
    expect(formatTerminal(answer({ question: 'x', status: 'caveat', results: [p], total: 1 }), false)).toContain(MESSAGES.en.possiblyRelevant);
  });

  it('not covered with closest passages: one line, and the closest on request, labelled as not answering', () => {
    const a = answer({ answered: false, status: 'not-covered', reason: 'not-covered', confidence: 0, closest: [p] });
    const r = renderAnswer(a, 'zh');
    expect(r.messages).toEqual([MESSAGES.zh.notCovered]);
    expect(r.hasClosest).toBe(true);
    const c = renderClosest(a, 'zh');
    expect(parseHtml(c.messages[0]!).text.startsWith(MESSAGES.zh.closestLead)).toBe(true);
    expect(c.passages).toEqual([p]);
    expect(renderAnswer({ ...a, closest: [] }, 'zh').hasClosest).toBe(false);
    const terminal = formatTerminal(a, false);
    expect(terminal.split('\n')[0]).toBe(MESSAGES.zh.notCovered);
    expect(terminal).toContain(MESSAGES.zh.closestLead);
  });

  it('names the translated keywords an English question was matched through', () => {
    const a = answer({ question: 'Who is the party secretary of Yongchuan?', results: [p], total: 1, translatedTerms: ['永川', '书记'] });
    expect(parseHtml(renderAnswer(a, 'en').messages[0]!).text).toContain('Matched through translated keywords: 永川, 书记');
    expect(formatTerminal(a, false).split('\n')[0]).toBe('Matched through translated keywords: 永川, 书记');
  });
});

describe('bot state (SQLite)', () => {
  it('keeps answers, links, votes and intake across a reopen', () => {
    const dir = tempDir();
    const s1 = BotState.open(dir);
    const key = s1.saveAnswer({ question: '永川区委书记是谁？', lang: 'zh', chatType: 'private', chunkIds: [3, 9] });
    expect(Buffer.byteLength(`m:${key}:999`)).toBeLessThanOrEqual(64);
    s1.linkMessage(100, 5, key);
    expect(s1.vote(key, 42, -1)).toBe(true);
    expect(s1.vote(key, 42, 1)).toBe(true); // changes the vote, does not add one
    expect(s1.vote(key, 43, -1)).toBe(true);
    expect(s1.vote('nokey', 43, -1)).toBe(false);
    s1.recordIntake({ file: '005_x.txt', title: 't', date: '', addedBy: 42 });
    s1.close();
    const s2 = BotState.open(dir);
    expect(s2.answerOfMessage(100, 5)).toMatchObject({ question: '永川区委书记是谁？', lang: 'zh', chunkIds: [3, 9] });
    expect(s2.counts()).toEqual({ answers: 1, up: 1, down: 1, added: 1 });
    expect(s2.feedback(-1)).toEqual([expect.objectContaining({ question: '永川区委书记是谁？', chunkIds: [3, 9], chatType: 'private', userId: 43 })]);
    s2.setPending(1, 2, { file: '005_x.txt', field: 'date' });
    expect(s2.takePending(1, 2)).toEqual({ file: '005_x.txt', field: 'date' });
    expect(s2.takePending(1, 2)).toBeUndefined();
    s2.close();
  });
});

describe('intake pieces', () => {
  it('refuses a binary file named .docx and unsupported types; reads text files', async () => {
    await expect(extractDocument('a.docx', Buffer.from('not a zip at all, just text'))).rejects.toThrow(/not a Word/);
    await expect(extractDocument('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/not a readable Word/);
    await expect(extractDocument('a.pdf', Buffer.from('x'))).rejects.toThrow('unsupported');
    await expect(extractDocument('a.txt', Buffer.from([0, 1, 2, 3]))).rejects.toThrow(/binary/);
    expect((await extractDocument('a.md', Buffer.from('# 标题\r\n\r\n\r\n\r\n正文。'))).text).toBe('# 标题\n\n正文。');
  });

  it('extracts the main text, title, site and date of a page', () => {
    const html = `<html><head><title>永川新闻 - 渝西都市报</title><meta property="og:site_name" content="渝西都市报">
      <meta property="article:published_time" content="2024-04-26T08:00:00+08:00"></head><body><nav>首页 | 新闻 | 联系我们</nav>
      <article><h1>永川推进重点项目</h1><p>${'永川区今年计划新开工重点项目一百个，总投资超过八百亿元。'.repeat(4)}</p>
      <p>${'项目建成后将显著提升城市综合承载能力。'.repeat(4)}</p></article><footer>版权所有</footer></body></html>`;
    const e = extractPage(html, 'https://example.com/n/1');
    expect(e.paper).toBe('渝西都市报');
    expect(e.date).toBe('2024-04-26');
    expect(e.text).toContain('永川区今年计划新开工重点项目一百个');
    expect(e.text).toContain('\n\n项目建成后');
    expect(e.text).not.toContain('联系我们');
  });

  it('refuses private and loopback addresses unless allowed', async () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('192.168.1.1')).toBe(true);
    expect(isPrivateAddress('::1')).toBe(true);
    expect(isPrivateAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    const limits = { timeoutMs: 2000, maxBytes: 1000, allowPrivate: false };
    await expect(fetchPage('http://127.0.0.1:9/x', limits)).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(fetchPage('http://localhost:9/x', limits)).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(fetchPage('file:///etc/passwd', limits)).rejects.toThrow(/only http/);
  });

  it('follows redirects only to checked addresses, and enforces the size limit while reading', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/hop') res.writeHead(302, { location: 'http://127.0.0.1:1/secret' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>' + '字'.repeat(5000) + '</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(fetchPage(`http://127.0.0.1:${port}/big`, { timeoutMs: 2000, maxBytes: 1000, allowPrivate: true })).rejects.toThrow(/too large/);
      const ok = await fetchPage(`http://127.0.0.1:${port}/big`, { timeoutMs: 2000, maxBytes: 100_000, allowPrivate: true });
      expect(ok.html.length).toBeGreaterThan(5000);
    } finally {
      server.close();
    }
  });

  it('writes an article with its sidecar, corrects it, removes it, and refuses the same text twice', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '004_abc.txt'), 'x');
    const file = await addArticle(dir, '永川推进重点项目\n\n正文。', { title: '永川推进重点项目', url: 'https://example.com/1' });
    expect(file).toMatch(/^005_[0-9a-f]{16}\.txt$/);
    expect(readFileSync(path.join(dir, file.replace('.txt', '.meta.yaml')), 'utf8')).toContain('url: https://example.com/1');
    await expect(addArticle(dir, '永川推进重点项目\n\n正文。', {})).rejects.toThrow(/already/);
    await updateMeta(dir, file, { date: '2024-04-26' });
    const sidecar = readFileSync(path.join(dir, file.replace('.txt', '.meta.yaml')), 'utf8');
    expect(sidecar).toContain('date: 2024-04-26');
    expect(sidecar).toContain('title: 永川推进重点项目');
    await expect(updateMeta(dir, '../etc/passwd', { title: 'x' })).rejects.toThrow(/not an article/);
    expect(await removeArticle(dir, file)).toBe(true);
    expect(await removeArticle(dir, file)).toBe(false);
    expect(readdirSync(dir)).toEqual(['004_abc.txt']);
  });
});
