// The pieces of the Telegram layer that are pure functions: question detection in chats, HTML
// rendering and splitting (checked with the fake server's port of Telegram's own HTML parser), retry
// decisions, and the per-chat scheduler.
import type { Message } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../src/search/answer.js';
import { TELEGRAM_TEXT_LIMIT, escapeHtml, pack, renderAnswer, renderContext, visibleLength } from '../src/present/telegram.js';
import { askArgument, questionIn } from '../src/telegram/questions.js';
import { DEFAULT_RETRY, retryDelay } from '../src/telegram/retry.js';
import { Scheduler } from '../src/telegram/scheduler.js';
import { parseHtml } from './support/fake-bot-api.js';

const bot = { id: 42, username: 'cov_bot' };
const user = { id: 7, is_bot: false, first_name: 'u' };
const group = { id: -100, type: 'group' as const, title: 'g' };

function msg(text: string, extra: Partial<Message.TextMessage> = {}): Message.TextMessage {
  const entities: Message.TextMessage['entities'] = [];
  for (const m of text.matchAll(/@\w+/g)) entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  for (const m of text.matchAll(/^\/\w+(@\w+)?/g)) entities.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  return { message_id: 1, date: 0, chat: group, from: user, text, entities, ...extra } as Message.TextMessage;
}

describe('questions in chats', () => {
  it('takes any text in a private chat, but not commands', () => {
    expect(questionIn(msg('永川区委书记是谁？'), 'private', bot)).toEqual({ text: '永川区委书记是谁？', trigger: 'private' });
    expect(questionIn(msg('/start'), 'private', bot)).toBeUndefined();
  });

  it('ignores group chatter and answers mentions and replies to the bot', () => {
    expect(questionIn(msg('大家好'), 'group', bot)).toBeUndefined();
    expect(questionIn(msg('@someone_else 你好'), 'group', bot)).toBeUndefined();
    expect(questionIn(msg('@cov_bot 永川区委书记是谁？'), 'group', bot)).toEqual({ text: '永川区委书记是谁？', trigger: 'mention' });
    expect(questionIn(msg('请问 @Cov_Bot 江津班列开了多少列'), 'supergroup', bot)?.text).toBe('请问 江津班列开了多少列');
    const botMessage = msg('answer', { from: { id: 42, is_bot: true, first_name: 'b' } });
    expect(questionIn(msg('那潼南呢？', { reply_to_message: botMessage } as never), 'group', bot)).toEqual({ text: '那潼南呢？', trigger: 'reply-to-bot' });
    const humanMessage = msg('某人的话');
    expect(questionIn(msg('同意', { reply_to_message: humanMessage } as never), 'group', bot)).toBeUndefined();
  });

  it('reads /ask arguments, or the replied message when there are none', () => {
    expect(askArgument(msg('/ask 永川区委书记是谁？'))).toBe('永川区委书记是谁？');
    expect(askArgument(msg('/ask@cov_bot 永川区委书记是谁？'))).toBe('永川区委书记是谁？');
    const replied = msg('威致科技是哪家车企旗下的品牌？');
    expect(askArgument(msg('/ask', { reply_to_message: replied } as never))).toBe('威致科技是哪家车企旗下的品牌？');
    expect(askArgument(msg('/ask'))).toBe('');
  });
});

function passage(i: number, text: string): Passage {
  return {
    chunkId: i,
    kind: 'text',
    text,
    highlight: { start: 0, end: Math.min(10, text.length) },
    score: 1,
    coverage: 1,
    source: { file: 'a.txt', title: `标题<${i}>&`, paper: '报', date: '2024-04', section: '节' },
  };
}

describe('Telegram HTML', () => {
  it('renders valid HTML with the answer in bold and escapes corpus and user text', () => {
    const p = passage(1, '区委书记<b>张智奎</b>主持会议 & 其他。'.repeat(3));
    const answer: Answer = { question: 'q', answered: true, status: 'answered', confidence: 1, mode: 'lexical', results: [p], total: 1 };
    const [html] = renderAnswer(answer, 'zh').messages;
    const parsed = parseHtml(html!);
    expect(parsed.text).toContain('<b>张智奎</b>'); // shown literally, not as formatting
    expect(parsed.text).toContain('《标题<1>&》');
    expect(parsed.entities.some((e) => e.type === 'bold')).toBe(true);
    expect(parsed.entities.some((e) => (e.type as string) === 'blockquote' || (e.type as string) === 'expandable_blockquote')).toBe(true);
  });

  it('splits long replies between passages, every message within 4096 characters and parseable', () => {
    const results = Array.from({ length: 14 }, (_, i) => passage(i, `第${i}段。`.repeat(120)));
    const answer: Answer = { question: 'q', answered: true, status: 'answered', confidence: 1, mode: 'lexical', results, total: 14 };
    const { messages } = renderAnswer(answer, 'en');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      const parsed = parseHtml(m);
      expect(parsed.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(visibleLength(m)).toBe(parsed.text.length);
    }
    // Every passage is in exactly one message.
    for (const r of results) expect(messages.filter((m) => m.includes(`第${r.chunkId}段`)).length).toBe(1);
  });

  it('splits a very long paragraph for "full context" at sentence ends', () => {
    const text = '这是一个很长的段落里的句子。'.repeat(600);
    const parts = renderContext({ text, source: passage(0, 'x').source }, 'zh');
    expect(parts.length).toBeGreaterThan(1);
    const shown = parts.map((p) => parseHtml(p).text);
    for (const t of shown) expect(t.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(shown.join('').replace(/《.*$/s, '').replace(/\n/g, '')).toBe(text);
  });

  it('packs blocks without ever cutting one', () => {
    const blocks = ['<b>a</b>'.repeat(400), 'x'.repeat(3000), 'y'.repeat(100)];
    const packed = pack(blocks, 3500);
    expect(packed.join('\n\n')).toBe(blocks.join('\n\n'));
    expect(escapeHtml('<a&b>')).toBe('&lt;a&amp;b&gt;');
  });
});

describe('retries', () => {
  const err = (code?: number, retryAfter?: number, message = 'x') =>
    Object.assign(new Error(message), code === undefined ? { name: 'FetchError' } : { response: { error_code: code, parameters: { retry_after: retryAfter } } });

  it('waits retry_after on 429, backs off on 5xx and network errors, gives up on 4xx', () => {
    expect(retryDelay(err(429, 3), 1, DEFAULT_RETRY)).toBe(3000);
    expect(retryDelay(err(429, 3600), 1, DEFAULT_RETRY)).toBeUndefined(); // too long to hold a reply
    expect(retryDelay(err(502), 1, DEFAULT_RETRY)).toBe(DEFAULT_RETRY.baseDelayMs);
    expect(retryDelay(err(502), 3, DEFAULT_RETRY)).toBe(DEFAULT_RETRY.baseDelayMs * 4);
    expect(retryDelay(err(undefined), 1, DEFAULT_RETRY)).toBe(DEFAULT_RETRY.baseDelayMs);
    expect(retryDelay(err(400), 1, DEFAULT_RETRY)).toBeUndefined();
    expect(retryDelay(err(403), 1, DEFAULT_RETRY)).toBeUndefined();
  });
});

describe('scheduler', () => {
  it('keeps one chat in order, lets other chats pass a slow task, and bounds the backlog', async () => {
    const s = new Scheduler(4, 3, () => undefined);
    const done: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    expect(s.submit('a', async () => (await wait(80), void done.push('a1')))).toBe(true);
    expect(s.submit('a', async () => void done.push('a2'))).toBe(true);
    expect(s.submit('b', async () => void done.push('b1'))).toBe(true);
    expect(s.submit('c', async () => void done.push('c1'))).toBe(false); // backlog of 3 reached
    await s.drain();
    expect(done).toEqual(['b1', 'a1', 'a2']);
    expect(s.backlog).toBe(0);
  });
});
