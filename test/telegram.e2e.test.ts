// End to end over real HTTP: the bot is started exactly as `npm start` starts it (a child process running
// package.json's start command with TELEGRAM_BOT_TOKEN set), pointed through TELEGRAM_API_ROOT at a fake
// Bot API server on 127.0.0.1 that validates requests like Telegram and can inject faults.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Message, User } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/present/messages.js';
import { scriptArgs } from './helpers/cli.js';
import { copyCorpus, removeTempDirs } from './helpers/fs.js';
import { FakeBotApi } from './support/fake-bot-api.js';

const TOKEN = '987654:AAE2e-test-token_0123456789abcdef';
const BOT = 'coverage_e2e_bot';
const ROOT = path.resolve(import.meta.dirname, '..');

interface BotProcess {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

const tempDirs: string[] = [];
afterAll(() => {
  removeTempDirs();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}

function startBot(env: Record<string, string>): BotProcess {
  const indexDir = tempDir('cb-e2e-index-');
  const child = spawn(process.execPath, scriptArgs('start'), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      TELEGRAM_BOT_TOKEN: TOKEN,
      CORPUS_DIR: copyCorpus(), // the shipped articles, whatever else corpus/ holds
      EMBEDDINGS_DIR: indexDir,
      MODEL_DIR: tempDir('cb-e2e-nomodel-'), // keyword mode, never the network
      DATA_DIR: tempDir('cb-e2e-data-'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sent = (fake: FakeBotApi, method: string) => fake.calls.filter((c) => c.method === method);
// Entity types as strings: blockquotes are newer than telegraf's Bot API 7.1 types.
const entityTypes = (m: Message.TextMessage) => new Set<string>((m.entities ?? []).map((e) => e.type));

describe('Telegram bot over HTTP, long polling', () => {
  let fake: FakeBotApi;
  let bot: BotProcess;
  let user: User;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    bot = startBot({ TELEGRAM_API_ROOT: fake.apiRoot });
    // Ready once it says so (a pending long poll is only recorded by the fake when it returns).
    await fake.waitFor(() => bot.output().includes('running with long polling'), 30_000);
    user = fake.createUser({ first_name: '小王', language_code: 'zh-hans' });
  }, 60_000);

  afterAll(async () => {
    bot.child.kill('SIGTERM');
    await bot.exit;
    await fake.close();
  });

  it('registers its command menu in Chinese and English', () => {
    const cmds = sent(fake, 'setMyCommands').filter((c) => c.status === 200);
    expect(cmds.map((c) => c.params.language_code ?? 'default').sort()).toEqual(['default', 'zh']);
  });

  it('answers a private question with quoted passages, the answer in bold and each source', async () => {
    const chat = fake.privateChat(user);
    const q = fake.sendText({ chat, from: user, text: '永川区委书记是谁？' });
    const [reply] = await fake.waitFor(() => fake.messagesTo(chat.id).length > 0 && fake.messagesTo(chat.id), 10_000);
    expect(reply!.text).toContain('张智奎');
    expect(reply!.text).toContain('《永川区委常委会召开会议》');
    expect(reply!.text).toMatch(/渝西都市报 · 2023年2月/);
    expect(entityTypes(reply!)).toContain('bold');
    expect([...entityTypes(reply!)].some((t) => t === 'blockquote' || t === 'expandable_blockquote')).toBe(true);
    expect(reply!.reply_to_message?.message_id).toBe(q.message_id);
    const call = sent(fake, 'sendMessage').find((c) => c.status === 200 && (c.params.chat_id as number) === chat.id)!;
    expect(call.params.parse_mode).toBe('HTML');
    expect((call.params.link_preview_options as { is_disabled: boolean }).is_disabled).toBe(true);
    // Buttons: one "full paragraph" per quote, callback_data within 64 bytes.
    const rows = (reply!.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
    for (const b of rows.flat()) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);
  });

  it('says in one line when the coverage does not answer', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.sendText({ chat, from, text: '成都市长是谁？' });
    const [reply] = await fake.waitFor(() => fake.messagesTo(chat.id).length > 0 && fake.messagesTo(chat.id), 10_000);
    // 成都 is nowhere in the coverage: the reply says so, then how to ask instead.
    expect(reply!.text).toBe(`${MESSAGES.zh.neverMentioned(['成都'])} ${MESSAGES.zh.notCovered}`);
    expect(reply!.text).not.toContain('\n');
    expect(entityTypes(reply!).has('blockquote')).toBe(false);
  });

  it('in groups answers /ask, /ask@bot, mentions, replies to itself and /ask-as-reply; ignores chatter', async () => {
    const group = fake.groupChat('报道讨论组');
    const other = fake.createUser({ first_name: '老李', language_code: 'zh' });
    fake.sendText({ chat: group, from: user, text: '今天天气不错' }); // chatter
    fake.sendText({ chat: group, from: user, text: `/ask@${BOT} 2024年江津的陆海新通道班列开了多少列？` });
    await fake.waitFor(() => fake.messagesTo(group.id).length === 1, 10_000);
    expect(fake.messagesTo(group.id)[0]!.text).toContain('1804列');

    fake.sendText({ chat: group, from: other, text: `@${BOT} 市科技局党委书记是谁？` });
    await fake.waitFor(() => fake.messagesTo(group.id).length === 2, 10_000);
    const mentionReply = fake.messagesTo(group.id)[1]!;
    expect(mentionReply.text).toContain('王伟');

    fake.sendText({ chat: group, from: other, text: '梁平区委书记是谁？', replyTo: mentionReply });
    await fake.waitFor(() => fake.messagesTo(group.id).length === 3, 10_000);
    expect(fake.messagesTo(group.id)[2]!.text).toContain('钱建超');

    const someone = fake.sendText({ chat: group, from: other, text: '威致科技是哪家车企旗下的品牌？' }); // not addressed: ignored
    fake.sendText({ chat: group, from: user, text: '/ask', replyTo: someone });
    await fake.waitFor(() => fake.messagesTo(group.id).length === 4, 10_000);
    expect(fake.messagesTo(group.id)[3]!.text).toContain('长安汽车旗下');

    fake.sendText({ chat: group, from: user, text: '/ask 荣昌重点项目由哪些领导多久过问一次？' });
    await fake.waitFor(() => fake.messagesTo(group.id).length === 5, 10_000);
    // Five addressed questions, five answers: the chatter and the unaddressed question got none.
    expect(fake.messagesTo(group.id)).toHaveLength(5);
    expect(fake.messagesTo(group.id)[4]!.text).toContain('区委书记季度调度');
  });

  it('serves inline queries with pagination', async () => {
    fake.inlineQuery({ from: user, query: '永川' });
    const first = await fake.waitFor(() => sent(fake, 'answerInlineQuery').find((c) => c.status === 200), 10_000);
    const results = first.params.results as { id: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(50);
    expect(results[0]!.input_message_content.message_text).toContain('《');
    const next = first.params.next_offset as string;
    expect(next).toMatch(/^\d+$/);
    fake.inlineQuery({ from: user, query: '永川', offset: next });
    const second = await fake.waitFor(() => sent(fake, 'answerInlineQuery').filter((c) => c.status === 200)[1], 10_000);
    const ids2 = (second.params.results as { id: string }[]).map((r) => r.id);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids2.some((id) => results.some((r) => r.id === id))).toBe(false);
  });

  it('shows the full paragraph and the next page from the buttons, answering every callback', async () => {
    const from = fake.createUser({ language_code: 'zh-CN' });
    const chat = fake.privateChat(from);
    fake.sendText({ chat, from, text: '永川区委书记是谁？' });
    const [answer] = await fake.waitFor(() => fake.messagesTo(chat.id).length > 0 && fake.messagesTo(chat.id), 10_000);
    const buttons = (answer!.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] }).inline_keyboard
      .flat()
      .filter((b): b is { text: string; callback_data: string } => b.callback_data !== undefined);
    const contextButton = buttons.find((b) => b.callback_data.startsWith('c:'))!;
    const moreButton = buttons.find((b) => b.callback_data.startsWith('m:'))!;
    expect(contextButton.text).toContain(MESSAGES.zh.context);
    expect(moreButton.text).toContain(MESSAGES.zh.more);
    const before = sent(fake, 'answerCallbackQuery').length;

    fake.pressButton({ from, message: answer!, data: contextButton.callback_data });
    await fake.waitFor(() => fake.messagesTo(chat.id).length === 2, 10_000);
    expect(fake.messagesTo(chat.id)[1]!.text).toContain('区委书记张智奎主持会议');

    fake.pressButton({ from, message: answer!, data: moreButton.callback_data });
    const edit = await fake.waitFor(() => sent(fake, 'editMessageText').find((c) => c.status === 200 && c.params.chat_id === chat.id), 10_000);
    expect(String(edit.params.text)).toMatch(/第 4–\d+ 条/);

    // A button from before a restart: its page is gone; the callback is still answered.
    fake.pushUpdate({ callback_query: { id: 'stale-1', from, chat_instance: 'ci', data: 'm:unknown:3', message: answer! } });
    await fake.waitFor(() => sent(fake, 'answerCallbackQuery').length === before + 3, 10_000);
    expect(sent(fake, 'answerCallbackQuery').slice(before).every((c) => c.status === 200)).toBe(true);
  });

  it('answers bad input politely, with valid HTML, and keeps running', async () => {
    const from = fake.createUser({ language_code: 'en' });
    const chat = fake.privateChat(from);
    const inputs: (() => void)[] = [
      () => fake.sendSticker({ chat, from, emoji: '😀' }),
      () => fake.sendPhoto({ chat, from, caption: '这是哪里？' }),
      () => fake.sendText({ chat, from, text: '   ' }),
      () => fake.sendText({ chat, from, text: '🙂' }),
      () => fake.sendText({ chat, from, text: '噪'.repeat(2000) + 'x&<'.repeat(700) }),
      () => fake.sendText({ chat, from, text: '<b>永川</b>区委书记是谁？ & <i>不闭合' }),
      () => fake.sendText({ chat, from, text: '</blockquote><script>alert(1)</script> &amp;&lt;' }),
      () => fake.sendText({ chat, from, text: '?!。，' }),
    ];
    const failedBefore = sent(fake, 'sendMessage').filter((c) => c.status >= 400).length;
    for (const send of inputs) send();
    const replies = await fake.waitFor(() => fake.messagesTo(chat.id).length === inputs.length && fake.messagesTo(chat.id), 15_000);
    expect(replies.map((r) => r.text)).not.toContain(MESSAGES.en.error);
    expect(replies[0]!.text).toBe(MESSAGES.en.notText);
    expect(replies[1]!.text).toBe(MESSAGES.en.notCovered); // a caption is a question like a text
    expect(replies[2]!.text).toBe(MESSAGES.en.empty);
    expect(replies[3]!.text).toBe(MESSAGES.en.empty);
    expect(replies[4]!.text).toContain('too long');
    expect(replies[5]!.text).toContain('张智奎');
    // Telegram would have rejected broken HTML with a 400: none were sent.
    expect(sent(fake, 'sendMessage').filter((c) => c.status >= 400).length).toBe(failedBefore);
    expect(bot.child.exitCode).toBeNull();
  });

  it('retries a 429 after retry_after and delivers the answer once', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.injectFault({ method: 'sendMessage', kind: '429', retryAfter: 1, times: 1 });
    fake.sendText({ chat, from, text: '市水利局局长是谁？' });
    await fake.waitFor(() => fake.messagesTo(chat.id).length === 1, 10_000);
    const calls = sent(fake, 'sendMessage').filter((c) => c.params.chat_id === chat.id);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.messagesTo(chat.id)).toHaveLength(1);
  });

  it('retries 5xx answers, and does not send again what a reset connection may have delivered', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.injectFault({ method: 'sendMessage', kind: '500', times: 1 });
    fake.injectFault({ method: 'sendMessage', kind: 'reset-after', times: 1 });
    fake.sendText({ chat, from, text: '梁平“232”现代制造业集群的主导产业是什么？' });
    await fake.waitFor(() => fake.messagesTo(chat.id).length === 1, 15_000);
    expect(fake.messagesTo(chat.id)[0]!.text).toContain('集成电路、预制菜');
    await fake.waitFor(() => bot.output().includes('may have been delivered'), 5000);
    expect(fake.messagesTo(chat.id)).toHaveLength(1);
  });

  it('does not let one slow reply hold up other chats', async () => {
    const ua = fake.createUser({ language_code: 'zh' });
    const ub = fake.createUser({ language_code: 'zh' });
    const a = fake.privateChat(ua);
    const b = fake.privateChat(ub);
    fake.injectFault({ method: 'sendMessage', kind: 'slow', delayMs: 4000, times: 1 });
    fake.sendText({ chat: a, from: ua, text: '永川高新区管委会主任是谁？' });
    await fake.waitFor(() => fake.calls.length > 0 && sent(fake, 'sendChatAction').some((c) => c.params.chat_id === a.id), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    fake.sendText({ chat: b, from: ub, text: '市科技局党委书记是谁？' });
    await fake.waitFor(() => fake.messagesTo(b.id).length === 1, 10_000);
    expect(fake.messagesTo(a.id)).toHaveLength(0); // a's reply is still on its slow way
    await fake.waitFor(() => fake.messagesTo(a.id).length === 1, 10_000);
  });

  it('never writes its token to the output', () => {
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toContain(TOKEN.split(':')[1]!);
  });
});

describe('Telegram bot over HTTP, webhook mode', () => {
  it('checks the secret on every request, serves /healthz, honours allow-lists and admin commands, survives a failing setMyCommands, stops on SIGTERM', async () => {
    const fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    const port = await freePort();
    const user = fake.createUser({ language_code: 'zh' });
    const admin = fake.createUser({ language_code: 'en' });
    const stranger = fake.createUser({ language_code: 'zh' });
    fake.injectFault({ method: 'setMyCommands', kind: '500', times: 20 });
    const bot = startBot({
      TELEGRAM_API_ROOT: fake.apiRoot,
      WEBHOOK_URL: 'https://bot.example.com/telegram/hook',
      WEBHOOK_SECRET: 'e2e_secret-42',
      WEBHOOK_PORT: String(port),
      WEBHOOK_HOST: '127.0.0.1',
      ALLOWED_USER_IDS: String(user.id),
      ADMIN_USER_IDS: String(admin.id),
    });
    try {
      const set = await fake.waitFor(() => sent(fake, 'setWebhook').find((c) => c.status === 200), 30_000);
      expect(set.params.secret_token).toBe('e2e_secret-42');
      const local = `http://127.0.0.1:${port}/telegram/hook`;
      const chat = fake.privateChat(user);
      const update = { message: fake.buildText({ chat, from: user, text: '永川区人大常委会主任是谁？' }) };

      expect((await fake.deliverWebhook(local, update, 'wrong-secret')).status).toBe(403);
      expect((await fake.deliverWebhook(local, update)).status).toBe(403);
      // With the right secret, a body that is not an Update is refused; the bot stays up (it used to exit).
      for (const body of ['null', '{"update_id":1,"message":null}', '[']) {
        const res = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'e2e_secret-42' }, body });
        expect(res.status).toBe(400);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.messagesTo(chat.id)).toHaveLength(0);

      expect((await fake.deliverWebhook(local, update, 'e2e_secret-42')).status).toBe(200);
      const [reply] = await fake.waitFor(() => fake.messagesTo(chat.id).length > 0 && fake.messagesTo(chat.id), 10_000);
      expect(reply!.text).toContain('潘文峰');

      // Not on the allow-list: told so, not answered. An admin is served and can read the statistics.
      const strangerChat = fake.privateChat(stranger);
      const strangerUpdate = { message: fake.buildText({ chat: strangerChat, from: stranger, text: '永川区人大常委会主任是谁？' }) };
      expect((await fake.deliverWebhook(local, strangerUpdate, 'e2e_secret-42')).status).toBe(200);
      const [refusal] = await fake.waitFor(() => fake.messagesTo(strangerChat.id).length > 0 && fake.messagesTo(strangerChat.id), 10_000);
      expect(refusal!.text).toMatch(/private/);
      expect(refusal!.text).not.toContain('潘文峰');
      const adminChat = fake.privateChat(admin);
      const stats = { message: fake.buildText({ chat: adminChat, from: admin, text: '/stats' }) };
      expect((await fake.deliverWebhook(local, stats, 'e2e_secret-42')).status).toBe(200);
      const [report] = await fake.waitFor(() => fake.messagesTo(adminChat.id).length > 0 && fake.messagesTo(adminChat.id), 10_000);
      expect(report!.text).toMatch(/questions 1 · answered 1/);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
      expect(bot.output()).toContain('could not register the command menu');
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exit).toBe(0);
      expect(bot.output()).not.toContain('e2e_secret-42');
      await fake.close();
    }
  }, 60_000);
});

describe('Telegram bot start-up failures', () => {
  it('exits non-zero with one line when Telegram refuses the webhook, without staying up', async () => {
    const fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    const port = await freePort();
    try {
      const bot = startBot({
        TELEGRAM_API_ROOT: fake.apiRoot,
        WEBHOOK_URL: 'http://bot.example.com/hook', // Telegram wants HTTPS
        WEBHOOK_SECRET: 'e2e_secret-42',
        WEBHOOK_PORT: String(port),
        WEBHOOK_HOST: '127.0.0.1',
      });
      expect(await bot.exit).toBe(1);
      const errors = bot.output().split('\n').filter((l) => l.startsWith('[error]'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Telegram refused the webhook http:\/\/bot\.example\.com\/hook: .*HTTPS/);
      expect(sent(fake, 'setWebhook')).toHaveLength(1); // a 400 is not retried
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('exits non-zero after retries when setWebhook keeps failing', async () => {
    const fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    fake.injectFault({ method: 'setWebhook', kind: '500', times: 100 });
    try {
      const bot = startBot({
        TELEGRAM_API_ROOT: fake.apiRoot,
        WEBHOOK_URL: 'https://bot.example.com/hook',
        WEBHOOK_SECRET: 'e2e_secret-42',
        WEBHOOK_PORT: String(await freePort()),
        WEBHOOK_HOST: '127.0.0.1',
      });
      expect(await bot.exit).toBe(1);
      expect(bot.output()).toMatch(/\[error\] Telegram refused the webhook https:\/\/bot\.example\.com\/hook: 500/);
      expect(sent(fake, 'setWebhook').length).toBeGreaterThan(1);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('exits non-zero when polling is refused with 401', async () => {
    const fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    fake.injectFault({ method: 'getUpdates', kind: 'error', code: 401, description: 'Unauthorized' });
    try {
      const bot = startBot({ TELEGRAM_API_ROOT: fake.apiRoot });
      expect(await bot.exit).toBe(1);
      expect(bot.output()).toContain('[error] polling stopped: Telegram rejected TELEGRAM_BOT_TOKEN');
    } finally {
      await fake.close();
    }
  }, 60_000);
});
