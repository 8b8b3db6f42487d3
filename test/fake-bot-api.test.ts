// Tests of the fake Bot API itself: that it validates like Telegram and that telegraf talks to it unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markup, Telegraf, Telegram, TelegramError } from 'telegraf';
import type { InlineQueryResult, Message } from 'telegraf/types';
import { FakeBotApi } from './support/fake-bot-api.js';

const TOKEN = '123456:TEST-token';

interface Body {
  ok: boolean;
  result?: any; // tests read into results freely
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

let fake: FakeBotApi;
let tg: Telegram;

beforeEach(async () => {
  fake = await FakeBotApi.start({ token: TOKEN, botUsername: 'coverage_test_bot', botName: 'Coverage' });
  tg = new Telegram(TOKEN, { apiRoot: fake.apiRoot });
});

afterEach(async () => {
  await fake.close();
});

async function api(method: string, params: object = {}, token = TOKEN): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** A user who has written to the bot, so the bot may answer in that chat. */
function startChat(text = 'hello') {
  const user = fake.createUser({ username: 'alice_b', first_name: 'Alice' });
  const chat = fake.privateChat(user);
  const first = fake.sendText({ chat, from: user, text });
  return { user, chat, first };
}

/** Awaits p expecting a Bot API error with the given code (400 by default); returns its description. */
async function rejection(p: Promise<unknown>, code = 400): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TelegramError);
  expect((err as TelegramError).code).toBe(code);
  return (err as TelegramError).description;
}

describe('protocol', () => {
  it('answers getMe through telegraf and in Bot API form', async () => {
    const me = await tg.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: 'coverage_test_bot', first_name: 'Coverage' });
    expect(fake.botUsername).toBe('coverage_test_bot');
    const { status, body } = await api('getme'); // method names are case-insensitive on Telegram
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(fake.calls.map((c) => c.method)).toEqual(['getMe', 'getMe']);
  });

  it('rejects an unknown token with 401 and an unknown method with 404', async () => {
    expect(await api('getMe', {}, '999:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await api('sendCarrierPigeon')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
  });

  it('accepts form-encoded bodies and query strings with JSON-serialized objects', async () => {
    const { chat } = startChat();
    const markup = JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
    const form = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(chat.id), text: '<b>form</b>', parse_mode: 'HTML', reply_markup: markup }),
    });
    const formBody = (await form.json()) as Body;
    expect(formBody.result).toMatchObject({
      text: 'form',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
    const query = new URLSearchParams({ chat_id: String(chat.id), text: 'query' });
    const viaGet = (await (await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage?${query}`)).json()) as Body;
    expect(viaGet.result.text).toBe('query');
    expect(fake.messagesTo(chat.id).map((m) => m.text)).toEqual(['form', 'query']);
  });

  it('says "chat not found" for a chat the bot never saw', async () => {
    const desc = await rejection(tg.sendMessage(424242, 'hi'));
    expect(desc).toBe('Bad Request: chat not found');
  });

  it('answers 403 once the user has blocked the bot', async () => {
    const { user, chat } = startChat();
    await tg.sendMessage(chat.id, 'before');
    fake.setBlocked(user, true);
    expect(await rejection(tg.sendMessage(chat.id, 'after'), 403)).toBe('Forbidden: bot was blocked by the user');
  });
});

describe('sendMessage text and HTML', () => {
  it('parses HTML into plain text with UTF-16 entity offsets', async () => {
    const { chat } = startChat();
    const html =
      '😀 <b>bold</b> <i>it</i> <a href="https://example.com/x?a=1&amp;b=2">link</a> <code>c</code>\n' +
      '<pre><code class="language-ts">let x</code></pre> &lt;&amp;&gt;&quot;&#65;&#x42; Q&A ' +
      '<tg-spoiler>sp</tg-spoiler> <span class="tg-spoiler">s2</span> <s>s</s> <u>u</u>';
    const msg = await tg.sendMessage(chat.id, html, { parse_mode: 'HTML' });
    expect(msg.text).toBe('😀 bold it link c\nlet x <&>"AB Q&A sp s2 s u');
    expect(msg.from).toMatchObject({ id: 123456, is_bot: true, username: 'coverage_test_bot' });
    expect(msg.chat.id).toBe(chat.id);
    expect(msg.message_id).toBe(2); // the user's first message was 1
    expect(msg.entities).toEqual([
      { type: 'bold', offset: 3, length: 4 }, // the emoji is two UTF-16 units
      { type: 'italic', offset: 8, length: 2 },
      { type: 'text_link', offset: 11, length: 4, url: 'https://example.com/x?a=1&b=2' },
      { type: 'code', offset: 16, length: 1 },
      { type: 'pre', offset: 18, length: 5, language: 'ts' },
      { type: 'spoiler', offset: 35, length: 2 },
      { type: 'spoiler', offset: 38, length: 2 },
      { type: 'strikethrough', offset: 41, length: 1 },
      { type: 'underline', offset: 43, length: 1 },
    ]);
  });

  it('parses blockquote and <blockquote expandable>', async () => {
    const { chat } = startChat();
    const msg = await tg.sendMessage(chat.id, '<blockquote expandable>long</blockquote>\n<blockquote>q</blockquote>', {
      parse_mode: 'HTML',
    });
    expect(msg.text).toBe('long\nq');
    expect(msg.entities).toEqual([
      { type: 'expandable_blockquote', offset: 0, length: 4 },
      { type: 'blockquote', offset: 5, length: 1 },
    ]);
  });

  it.each([
    ['<b>bold', `Can't find end tag corresponding to start tag "b"`],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['<div>x</div>', 'Unsupported start tag "div" at byte offset 0'],
    ['1 < 2', 'Unsupported start tag "" at byte offset 2'],
    ['a &nbsp; b', 'Unsupported HTML entity "&nbsp;" at byte offset 2'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<a>x</a>', 'Tag "a" must have attribute "href" at byte offset 0'],
    ['<a href=https://x.io>x</a>', 'Unexpected end of name token at byte offset 8'],
    ['<b foo>x</b>', 'Expected equal sign in declaration of an attribute of the tag "b" at byte offset 0'],
    ['ж<b', 'Unclosed start tag at byte offset 2'],
  ])('rejects %j', async (html, why) => {
    const { chat } = startChat();
    const desc = await rejection(tg.sendMessage(chat.id, html, { parse_mode: 'HTML' }));
    expect(desc).toBe(`Bad Request: can't parse entities: ${why}`);
    expect(fake.messagesTo(chat.id)).toEqual([]);
  });

  it('refuses parse modes it does not emulate rather than passing them through', async () => {
    const { chat } = startChat();
    expect(await rejection(tg.sendMessage(chat.id, 'a.b', { parse_mode: 'MarkdownV2' }))).toMatch(/does not emulate/);
  });

  it('counts the length limit in UTF-16 units after parsing and trimming', async () => {
    const { chat } = startChat();
    await expect(tg.sendMessage(chat.id, 'a'.repeat(4096))).resolves.toMatchObject({ text: 'a'.repeat(4096) });
    expect(await rejection(tg.sendMessage(chat.id, 'a'.repeat(4097)))).toBe('Bad Request: message is too long');
    const longHtml = `<b>${'a'.repeat(4096)}</b>`; // 4103 characters before parsing
    await expect(tg.sendMessage(chat.id, longHtml, { parse_mode: 'HTML' })).resolves.toBeTruthy();
    await expect(tg.sendMessage(chat.id, '&amp;'.repeat(4096), { parse_mode: 'HTML' })).resolves.toBeTruthy();
    await expect(tg.sendMessage(chat.id, '😀'.repeat(2048))).resolves.toBeTruthy();
    expect(await rejection(tg.sendMessage(chat.id, '😀'.repeat(2049)))).toBe('Bad Request: message is too long');
    await expect(tg.sendMessage(chat.id, `  ${'a'.repeat(4096)}\n\n`)).resolves.toMatchObject({ text: 'a'.repeat(4096) });
    expect(await rejection(tg.sendMessage(chat.id, '<b></b>', { parse_mode: 'HTML' }))).toBe(
      'Bad Request: message text is empty',
    );
    expect(await rejection(tg.sendMessage(chat.id, ' \n '))).toBe('Bad Request: message text is empty');
  });

  it('records link preview options', async () => {
    const { chat } = startChat();
    const a = await tg.sendMessage(chat.id, 'https://example.com', { link_preview_options: { is_disabled: true } });
    expect(a.link_preview_options).toEqual({ is_disabled: true });
    const { body } = await api('sendMessage', { chat_id: chat.id, text: 'x', disable_web_page_preview: true });
    expect(body.result.link_preview_options).toEqual({ is_disabled: true });
  });
});

describe('replies and quotes', () => {
  it('replies with a quote that is an exact substring of the replied message', async () => {
    const { chat, first } = startChat('The quick brown fox');
    const msg = await tg.sendMessage(chat.id, 'yes', {
      reply_parameters: { message_id: first.message_id, quote: 'quick brown' },
    });
    expect(msg.reply_to_message).toMatchObject({ message_id: first.message_id, text: 'The quick brown fox' });
    expect(msg.quote).toEqual({ text: 'quick brown', position: 4, is_manual: true });
    const desc = await rejection(
      tg.sendMessage(chat.id, 'no', { reply_parameters: { message_id: first.message_id, quote: 'slow fox' } }),
    );
    expect(desc).toBe('Bad Request: QUOTE_TEXT_INVALID');
  });

  it('needs the replied message unless allow_sending_without_reply', async () => {
    const { chat, first } = startChat();
    expect(await rejection(tg.sendMessage(chat.id, 'x', { reply_parameters: { message_id: 999 } }))).toBe(
      'Bad Request: message to be replied not found',
    );
    const loose = await tg.sendMessage(chat.id, 'x', {
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(loose.reply_to_message).toBeUndefined();
    const { body } = await api('sendMessage', { chat_id: chat.id, text: 'legacy', reply_to_message_id: first.message_id });
    expect(body.result.reply_to_message.message_id).toBe(first.message_id);
  });
});

describe('inline keyboards and callback queries', () => {
  it('limits callback_data to 1-64 bytes of UTF-8', async () => {
    const { chat } = startChat();
    const send = (data: string) => tg.sendMessage(chat.id, 'pick', Markup.inlineKeyboard([Markup.button.callback('B', data)]));
    await expect(send('x'.repeat(64))).resolves.toBeTruthy();
    await expect(send('ж'.repeat(32))).resolves.toBeTruthy(); // 64 bytes
    for (const data of ['x'.repeat(65), 'ж'.repeat(33), '']) {
      expect(await rejection(send(data))).toBe('Bad Request: BUTTON_DATA_INVALID');
    }
  });

  it('wants exactly one action per inline button', async () => {
    const { chat } = startChat();
    const bare = await api('sendMessage', { chat_id: chat.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A' }]] } });
    expect(bare.body.description).toMatch(/Text buttons are unallowed in the inline keyboard/);
    const both = await api('sendMessage', {
      chat_id: chat.id,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a', url: 'https://a.io' }]] },
    });
    expect(both.status).toBe(400);
    expect(both.body.description).toMatch(/exactly one of the optional fields/);
  });

  it('delivers a button press and lets it be answered once, with text up to 200 characters', async () => {
    const { user, chat } = startChat();
    const sent = await tg.sendMessage(chat.id, 'pick', Markup.inlineKeyboard([Markup.button.callback('Yes', 'yes')]));
    expect(() => fake.pressButton({ from: user, message: sent, data: 'no' })).toThrow(/no button/);
    const id = fake.pressButton({ from: user, message: sent, data: 'yes' });
    const updates = await tg.getUpdates(0, 100, 0, undefined);
    const last = updates[updates.length - 1]!;
    expect(last).toMatchObject({ callback_query: { id, data: 'yes', from: { id: user.id }, message: { message_id: sent.message_id } } });
    expect(await rejection(tg.answerCbQuery(id, 'x'.repeat(201)))).toBe('Bad Request: MESSAGE_TOO_LONG');
    await expect(tg.answerCbQuery(id, 'x'.repeat(200))).resolves.toBe(true);
    expect(await rejection(tg.answerCbQuery(id))).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    expect(await rejection(tg.answerCbQuery('nope'))).toMatch(/query ID is invalid/);
  });

  it('edits text and markup, refusing identical edits', async () => {
    const { chat, first } = startChat();
    const kb = Markup.inlineKeyboard([Markup.button.callback('Next', 'next')]);
    const sent = await tg.sendMessage(chat.id, '<b>Page 1</b>', { parse_mode: 'HTML', ...kb });
    const same = tg.editMessageText(chat.id, sent.message_id, undefined, '<b>Page 1</b>', { parse_mode: 'HTML', ...kb });
    expect(await rejection(same)).toMatch(/^Bad Request: message is not modified: /);
    const edited = await tg.editMessageText(chat.id, sent.message_id, undefined, 'Page 2', kb);
    expect(edited).toMatchObject({ text: 'Page 2', message_id: sent.message_id, reply_markup: kb.reply_markup });
    expect((edited as Message.TextMessage).entities).toBeUndefined();
    expect((edited as Message.TextMessage).edit_date).toBeGreaterThan(0);
    expect(fake.messagesTo(chat.id).map((m) => m.text)).toEqual(['Page 2']);
    // Without reply_markup an edit drops the keyboard, as on Telegram.
    await tg.editMessageText(chat.id, sent.message_id, undefined, 'Page 3');
    expect(fake.messagesTo(chat.id)[0]!.reply_markup).toBeUndefined();
    expect(await rejection(tg.editMessageReplyMarkup(chat.id, sent.message_id, undefined, undefined))).toMatch(
      /message is not modified/,
    );
    await expect(tg.editMessageReplyMarkup(chat.id, sent.message_id, undefined, kb.reply_markup)).resolves.toBeTruthy();
    expect(await rejection(tg.editMessageText(chat.id, 999, undefined, 'x'))).toBe('Bad Request: message to edit not found');
    expect(await rejection(tg.editMessageText(chat.id, first.message_id, undefined, 'x'))).toBe(
      "Bad Request: message can't be edited",
    );
    await tg.deleteMessage(chat.id, sent.message_id);
    expect(fake.messagesTo(chat.id)).toEqual([]);
  });
});

describe('inline queries', () => {
  const article = (id: string, text = 'hi'): InlineQueryResult => ({
    type: 'article',
    id,
    title: `T${id}`,
    input_message_content: { message_text: text, parse_mode: 'HTML' },
  });

  it('takes at most 50 results, unique ids, and answers once', async () => {
    const user = fake.createUser();
    const id = fake.inlineQuery({ from: user, query: 'fox' });
    const many = Array.from({ length: 51 }, (_, i) => article(String(i)));
    expect(await rejection(tg.answerInlineQuery(id, many))).toBe('Bad Request: RESULTS_TOO_MUCH');
    expect(await rejection(tg.answerInlineQuery(id, [article('a'), article('a')]))).toBe('Bad Request: RESULT_ID_DUPLICATE');
    expect(await rejection(tg.answerInlineQuery(id, [article('x'.repeat(65))]))).toBe('Bad Request: RESULT_ID_INVALID');
    expect(await rejection(tg.answerInlineQuery(id, [article('b', '<b>open')]))).toMatch(/can't parse entities/);
    expect(await rejection(tg.answerInlineQuery(id, [article('c')], { next_offset: 'o'.repeat(65) }))).toBe(
      'Bad Request: NEXT_OFFSET_INVALID',
    );
    // Failed answers do not use the query up; a valid one does.
    await expect(tg.answerInlineQuery(id, many.slice(0, 50), { next_offset: '50' })).resolves.toBe(true);
    expect(await rejection(tg.answerInlineQuery(id, [article('d')]))).toMatch(/query is too old/);
    expect(await rejection(tg.answerInlineQuery('123', [article('e')]))).toMatch(/query is too old/);
  });

  it('wants a title and message content in an article', async () => {
    const id = fake.inlineQuery({ from: fake.createUser(), query: '' });
    const { body } = await api('answerInlineQuery', {
      inline_query_id: id,
      results: [{ type: 'article', id: '1', input_message_content: { message_text: 'x' } }],
    });
    expect(body.description).toMatch(/Field "title"/);
  });
});

describe('commands and other settings', () => {
  it('validates and stores commands per scope and language', async () => {
    const good = [{ command: 'search_2', description: 'Find a passage' }];
    await expect(tg.setMyCommands(good)).resolves.toBe(true);
    await expect(tg.setMyCommands([{ command: 'suche', description: 'Suchen' }], { language_code: 'de' })).resolves.toBe(true);
    await expect(tg.setMyCommands([{ command: 'p', description: 'P' }], { scope: { type: 'all_private_chats' } })).resolves.toBe(true);
    expect(await tg.getMyCommands()).toEqual(good);
    expect(await tg.getMyCommands({ language_code: 'de' })).toEqual([{ command: 'suche', description: 'Suchen' }]);
    expect(await tg.getMyCommands({ scope: { type: 'all_group_chats' } })).toEqual([]);
    for (const command of ['Start', 'a'.repeat(33), 'with-dash', '']) {
      expect(await rejection(tg.setMyCommands([{ command, description: 'd' }]))).toBe('Bad Request: BOT_COMMAND_INVALID');
    }
    for (const description of ['', 'd'.repeat(257)]) {
      expect(await rejection(tg.setMyCommands([{ command: 'ok', description }]))).toBe(
        'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
      );
    }
    await expect(tg.setMyCommands([{ command: 'ok', description: 'd'.repeat(256) }])).resolves.toBe(true);
  });

  it('accepts menu button, descriptions and chat actions', async () => {
    const { chat } = startChat();
    await expect(tg.setChatMenuButton({ menuButton: { type: 'commands' } })).resolves.toBe(true);
    await expect(tg.setMyDescription('Finds quotes')).resolves.toBe(true);
    await expect(tg.setMyShortDescription('Quotes')).resolves.toBe(true);
    expect(await tg.getMyDescription()).toEqual({ description: 'Finds quotes' });
    await expect(tg.sendChatAction(chat.id, 'typing')).resolves.toBe(true);
    expect(await rejection(tg.sendChatAction(chat.id, 'dancing' as 'typing'))).toBe(
      'Bad Request: wrong parameter action in request',
    );
  });
});

describe('updates', () => {
  it('builds user messages with automatic /command and @mention entities', () => {
    const { user, chat } = startChat();
    const msg = fake.sendText({ chat, from: user, text: '😀 /start@coverage_test_bot hi @alice_b' });
    expect(msg.entities).toEqual([
      { type: 'bot_command', offset: 3, length: 24 },
      { type: 'mention', offset: 31, length: 8 },
    ]);
    const photo = fake.sendPhoto({ chat, from: user, caption: '/help' });
    expect(photo.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 5 }]);
    expect(fake.sendSticker({ chat, from: user }).sticker.file_id).toMatch(/^fake-sticker/);
    expect(fake.pendingUpdateCount).toBe(4);
  });

  it('holds a long poll until an update arrives', async () => {
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    const started = Date.now();
    const poll = tg.getUpdates(10, 100, 0, undefined);
    await new Promise((r) => setTimeout(r, 150));
    fake.sendText({ chat, from: user, text: 'wake up' });
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(5_000); // far below the 10 s poll timeout
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ message: { text: 'wake up', chat: { id: chat.id } } });
  });

  it('returns an empty list when the poll times out', async () => {
    const started = Date.now();
    const updates = await tg.getUpdates(1, 100, 0, undefined);
    expect(updates).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('confirms updates by offset and honours limit', async () => {
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    const ids = ['a', 'b', 'c'].map((text) => fake.pushUpdate({ message: fake.buildText({ chat, from: user, text }) }));
    expect(ids[1]).toBe(ids[0]! + 1);
    expect((await tg.getUpdates(0, 100, 0, undefined)).map((u) => u.update_id)).toEqual(ids);
    expect((await tg.getUpdates(0, 1, 0, undefined)).map((u) => u.update_id)).toEqual([ids[0]]);
    expect((await tg.getUpdates(0, 100, ids[1]!, undefined)).map((u) => u.update_id)).toEqual([ids[1], ids[2]]);
    expect(fake.pendingUpdateCount).toBe(2);
    expect(await tg.getUpdates(0, 100, ids[2]! + 1, undefined)).toEqual([]);
    expect(fake.pendingUpdateCount).toBe(0);
  });

  it('ends an older long poll when a newer one arrives', async () => {
    const older = api('getUpdates', { timeout: 10 });
    await new Promise((r) => setTimeout(r, 100));
    await expect(tg.getUpdates(0, 100, 0, undefined)).resolves.toEqual([]);
    expect(await older).toMatchObject({ status: 409, body: { description: expect.stringMatching(/terminated by other getUpdates/) } });
  });

  it('releases pending long polls on close', async () => {
    const other = await FakeBotApi.start({ token: TOKEN });
    const started = Date.now();
    const poll = fetch(`${other.apiRoot}/bot${TOKEN}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeout: 50 }),
    });
    await new Promise((r) => setTimeout(r, 100));
    await other.close();
    expect(await (await poll).json()).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('waitFor resolves with the value and times out listing recent calls', async () => {
    const { chat } = startChat();
    await tg.sendMessage(chat.id, 'first');
    const msg = await fake.waitFor(() => fake.messagesTo(chat.id)[0]);
    expect(msg.text).toBe('first');
    await expect(fake.waitFor(() => false, 100)).rejects.toThrow(/within 100 ms[\s\S]*sendMessage .*-> 200 ok/);
  });
});

describe('faults', () => {
  it('answers 429 with retry_after for the next N calls of a method', async () => {
    const { chat } = startChat();
    fake.injectFault({ method: 'sendMessage', kind: '429', retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const err = await tg.sendMessage(chat.id, 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TelegramError);
      expect((err as TelegramError).code).toBe(429);
      expect((err as TelegramError).parameters?.retry_after).toBe(7);
      expect((err as TelegramError).description).toBe('Too Many Requests: retry after 7');
    }
    await expect(tg.sendMessage(chat.id, 'x')).resolves.toBeTruthy();
    expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 429, 200]);
    expect(fake.messagesTo(chat.id)).toHaveLength(1);
  });

  it('answers 500 for any method with "*"', async () => {
    fake.injectFault({ method: '*', kind: '500' });
    const { status, body } = await api('getMe');
    expect(status).toBe(500);
    expect(body).toMatchObject({ ok: false, error_code: 500 });
    await expect(tg.getMe()).resolves.toBeTruthy();
  });

  it('drops the connection without answering', async () => {
    fake.injectFault({ method: 'getMe', kind: 'drop' });
    await expect(api('getMe')).rejects.toThrow();
    await expect(tg.getMe()).resolves.toBeTruthy(); // only the next call is affected
    fake.injectFault({ method: 'getMe', kind: 'drop' });
    await expect(tg.getMe()).rejects.toThrow();
    expect(fake.calls.map((c) => c.status)).toEqual([0, 200, 0]);
  });

  it('delays a slow call and then answers it', async () => {
    fake.injectFault({ method: 'getMe', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    await expect(tg.getMe()).resolves.toMatchObject({ username: 'coverage_test_bot' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('webhooks', () => {
  it('validates setWebhook and blocks getUpdates while a webhook is set', async () => {
    expect(await rejection(tg.setWebhook('http://bot.example.com/hook'))).toBe(
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    );
    expect(await rejection(tg.setWebhook('https://bot.example.com:8080/hook'))).toMatch(/ports 80, 88, 443 or 8443/);
    expect(await rejection(tg.setWebhook('https://bot.example.com/hook', { secret_token: 'no spaces' }))).toMatch(
      /secret token/,
    );
    await expect(tg.setWebhook('https://bot.example.com/hook', { secret_token: 's3cret_-X' })).resolves.toBe(true);
    expect(await tg.getWebhookInfo()).toMatchObject({ url: 'https://bot.example.com/hook', pending_update_count: 0 });
    expect(await rejection(tg.getUpdates(0, 100, 0, undefined), 409)).toMatch(/webhook is active/);
    await tg.deleteWebhook();
    await expect(tg.getUpdates(0, 100, 0, undefined)).resolves.toEqual([]);
  });

  it('delivers an update with the secret header and runs a method returned in the reply', async () => {
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    const seen: Array<{ secret: string | undefined; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: chat.id, text: 'pong' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const out = await fake.deliverWebhook(url, { message: fake.buildText({ chat, from: user, text: 'ping' }) }, 'sec_ret');
      expect(out.status).toBe(200);
      expect(JSON.parse(out.body)).toMatchObject({ method: 'sendMessage' });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.secret).toBe('sec_ret');
      expect(JSON.parse(seen[0]!.body)).toMatchObject({ update_id: expect.any(Number), message: { text: 'ping' } });
      expect(fake.messagesTo(chat.id).map((m) => m.text)).toEqual(['pong']);
      expect(fake.calls.at(-1)).toMatchObject({ method: 'sendMessage', status: 200, viaWebhookReply: true });
      await fake.deliverWebhook(url, { message: fake.buildText({ chat, from: user, text: 'again' }) });
      expect(seen[1]!.secret).toBeUndefined();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a telegraf bot against the fake', () => {
  it('polls, replies with HTML and a keyboard, and handles a button press', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
    bot.start((ctx) =>
      ctx.reply('<b>Hello</b>', { parse_mode: 'HTML', ...Markup.inlineKeyboard([Markup.button.callback('More', 'more')]) }),
    );
    bot.action('more', async (ctx) => {
      await ctx.answerCbQuery('ok');
      await ctx.editMessageText('More text');
    });
    const running = bot.launch().catch((e: unknown) => e);
    try {
      const { user, chat } = startChat('/start');
      const hello = await fake.waitFor(() => fake.messagesTo(chat.id)[0]);
      expect(hello).toMatchObject({ text: 'Hello', entities: [{ type: 'bold', offset: 0, length: 5 }] });
      fake.pressButton({ from: user, message: hello, data: 'more' });
      const edited = await fake.waitFor(() => fake.messagesTo(chat.id).find((m) => m.text === 'More text'));
      expect(edited.reply_markup).toBeUndefined();
      expect(fake.calls.some((c) => c.method === 'answerCallbackQuery' && c.status === 200)).toBe(true);
    } finally {
      bot.stop('test over');
      await running;
    }
    expect(fake.calls.filter((c) => c.status >= 400)).toEqual([]);
  });
});
