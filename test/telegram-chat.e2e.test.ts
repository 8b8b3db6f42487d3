// End to end over HTTP, as `npm start` runs the bot against the fake Bot API: citations (story titles,
// copy-citation buttons the fake validates like Telegram), follow-ups, captions, unknown commands,
// 👍/👎 kept in SQLite across a restart (buttons still work), and intake from the chat (documents
// through getFile + download, /add through a local HTTP server) with its bad-input cases.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import zlib from 'node:zlib';
import type { Chat, Message, User } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MESSAGES } from '../src/present/messages.js';
import { scriptArgs } from './helpers/cli.js';
import { FakeBotApi } from './support/fake-bot-api.js';

const TOKEN = '123456:AAChat-e2e-token_0123456789abcdef';
const BOT = 'coverage_chat_bot';
const ROOT = path.resolve(import.meta.dirname, '..');

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};

interface BotProcess {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, scriptArgs('start'), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TELEGRAM_BOT_TOKEN: TOKEN, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  return { child, output: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

type Button = { text: string; callback_data?: string; copy_text?: { text: string } };
const buttonsOf = (m: Message.TextMessage | undefined) => ((m?.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();
const dataOf = (m: Message.TextMessage | undefined, prefix: string) => buttonsOf(m).find((b) => b.callback_data?.startsWith(prefix))?.callback_data;

/** A minimal .docx (stored ZIP entries): enough for mammoth, made here so no binary fixture is needed. */
function makeDocx(paragraphs: string[]): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`,
  };
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const crc = zlib.crc32(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(dir, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const ARTICLE_TEXT = [
  '荣昌区建成全市首个夏布非遗工坊',
  '本报讯（渝西都市报记者 李明）5月8日，荣昌区夏布非遗工坊正式开放，首批入驻织布艺人三十二名，年产夏布可达五万匹，带动周边两百余户村民增收。',
  '工坊负责人陈芳表示，将与高校合作开发夏布文创产品，让非遗技艺走进更多家庭。',
].join('\n\n');

describe('chat features over HTTP', () => {
  let fake: FakeBotApi;
  let bot: BotProcess;
  let user: User;
  let adminUser: User;
  let secondAdmin: User;
  let corpus: string;
  let env: Record<string, string>;
  let web: http.Server;
  let webRoot: string;

  const reply = async (chat: Chat, count: number, timeout = 15_000) =>
    (await fake.waitFor(() => fake.messagesTo(chat.id).length >= count && fake.messagesTo(chat.id), timeout))[count - 1]!;
  const callbackAnswer = (id: string) =>
    fake.waitFor(() => fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id && c.status === 200), 15_000);
  const articleFiles = () => readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN, botUsername: BOT });
    user = fake.createUser({ first_name: '小王', language_code: 'zh-hans' });
    adminUser = fake.createUser({ first_name: 'Editor', language_code: 'en' });
    secondAdmin = fake.createUser({ first_name: '编辑', language_code: 'zh' });
    corpus = tempDir('cb-chat-corpus-');
    cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
    web = http.createServer((req, res) => {
      if (req.url === '/slow') return; // never answers: the fetch must time out
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><head><title>铜梁龙灯走进校园 - 铜梁日报</title><meta property="og:site_name" content="铜梁日报"><meta property="article:published_time" content="2024-05-09T08:00:00Z"></head>
          <body><nav>首页 新闻</nav><article><h1>铜梁龙灯走进校园</h1><p>${'铜梁区教委在全区四十所中小学开设龙灯课程，聘请龙灯艺人八十名进校授课。'.repeat(3)}</p><p>${'课程每周两节，覆盖学生两万余人。'.repeat(3)}</p></article></body></html>`);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webRoot = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    env = {
      TELEGRAM_API_ROOT: fake.apiRoot,
      CORPUS_DIR: corpus,
      EMBEDDINGS_DIR: tempDir('cb-chat-index-'),
      MODEL_DIR: tempDir('cb-chat-nomodel-'),
      DATA_DIR: tempDir('cb-chat-data-'),
      ADMIN_USER_IDS: `${adminUser.id},${secondAdmin.id}`,
      INTAKE_ALLOW_PRIVATE_URLS: 'true', // the test's web server is on 127.0.0.1
      INTAKE_FETCH_TIMEOUT_MS: '1500',
      INTAKE_MAX_MB: '1',
    };
    bot = startBot(env);
    await fake.waitFor(() => bot.output().includes('running with long polling'), 30_000);
  }, 60_000);

  afterAll(async () => {
    bot.child.kill('SIGTERM');
    await bot.exit;
    await fake.close();
    web.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('cites a story of a multi-story page by its own headline, with copy-citation buttons Telegram accepts', async () => {
    const chat = fake.privateChat(user);
    fake.sendText({ chat, from: user, text: '永川区人大常委会主任是谁？' });
    const answer = await reply(chat, 1);
    expect(answer.text).toContain('潘文峰');
    expect(answer.text).toContain('《永川区人大常委会机关党组召开2022年度民主生活会》');
    const copies = buttonsOf(answer).filter((b) => b.copy_text);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies[0]!.text).toContain(MESSAGES.zh.copy);
    expect(copies[0]!.copy_text!.text).toMatch(/^“.+”——《永川区人大常委会机关党组召开2022年度民主生活会》 · 渝西都市报 · 2023年2月$/);
    // The fake checks buttons like Telegram: exactly one action each, copy_text 1-256 characters.
    const bad = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: chat.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'x', copy_text: { text: 'y' } }]] } }),
    });
    expect(bad.status).toBe(400);
    const long = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: chat.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'a', copy_text: { text: 'y'.repeat(257) } }]] } }),
    });
    expect(((await long.json()) as { description: string }).description).toMatch(/COPY_TEXT_INVALID/);
  });

  it('inline results are titled by story and date, described by the answering sentence', async () => {
    const id = fake.inlineQuery({ from: user, query: '潘文峰' });
    const call = await fake.waitFor(() => fake.calls.find((c) => c.method === 'answerInlineQuery' && c.params.inline_query_id === id && c.status === 200), 15_000);
    const results = call.params.results as { title: string; description: string }[];
    expect(results[0]!.title).toBe('《永川区人大常委会机关党组召开2022年度民主生活会》 · 2023年2月');
    expect(results[0]!.description).toContain('潘文峰');
    expect(new Set(results.map((r) => r.description)).size).toBe(results.length);
  });

  it('completes an elliptical follow-up sent as a reply to an answer; a full question stands alone', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.sendText({ chat, from, text: '永川区委书记是谁？' });
    const first = await reply(chat, 1);
    expect(first.text).toContain('张智奎');
    fake.sendText({ chat, from, text: '那梁平呢？', replyTo: first });
    const second = await reply(chat, 2);
    expect(second.text).toContain(MESSAGES.zh.followup('梁平区委书记是谁？'));
    expect(second.text).toContain('钱建超');
    fake.sendText({ chat, from, text: '市科技局党委书记是谁？', replyTo: second });
    const third = await reply(chat, 3);
    expect(third.text).not.toContain(MESSAGES.zh.followup(''));
    expect(third.text).toContain('王伟');
  });

  it('answers photo captions like text and hints at unknown commands', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.sendPhoto({ chat, from, caption: '永川区委书记是谁？' });
    expect((await reply(chat, 1)).text).toContain('张智奎');
    fake.sendText({ chat, from, text: '/foo' });
    expect((await reply(chat, 2)).text).toBe(MESSAGES.zh.unknownCommand);
    // A reader's document with a caption: the caption is the question, the file is not added.
    fake.sendDocument({ chat, from, fileName: 'notes.txt', content: ARTICLE_TEXT, caption: '梁平区委书记是谁？' });
    expect((await reply(chat, 3)).text).toContain('钱建超');
    const group = fake.groupChat('编辑部');
    fake.sendText({ chat: group, from, text: '/foo' }); // someone else's command in a group: ignored
    fake.sendText({ chat: group, from, text: `/foo@${BOT}` });
    expect((await reply(group, 1)).text).toBe(MESSAGES.zh.unknownCommand);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messagesTo(group.id)).toHaveLength(1);
  });

  it('stores 👍/👎 in SQLite; after a restart the buttons and follow-ups still work and /stats counts the votes', async () => {
    const from = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(from);
    fake.sendText({ chat, from, text: '永川区委书记是谁？' });
    const answer = await reply(chat, 1);
    const down = dataOf(answer, 'f:')?.replace(/:u$/, ':d');
    expect(dataOf(answer, 'f:')).toMatch(/^f:[\w-]+:u$/);
    const id = fake.pressButton({ from, message: answer, data: down! });
    expect((await callbackAnswer(id)).params.text).toBe(MESSAGES.zh.thanks);

    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    bot = startBot(env);
    await fake.waitFor(() => bot.output().includes('running with long polling'), 30_000);

    const more = dataOf(answer, 'm:')!;
    const pressed = fake.pressButton({ from, message: answer, data: more });
    expect((await callbackAnswer(pressed)).params.text).toBeUndefined(); // not "expired"
    await fake.waitFor(() => /第 4–\d+ 条/.test(fake.messagesTo(chat.id)[0]!.text), 15_000);
    fake.sendText({ chat, from, text: '那梁平呢？', replyTo: answer });
    expect((await reply(chat, 2)).text).toContain('钱建超');

    const adminChat = fake.privateChat(adminUser);
    fake.sendText({ chat: adminChat, from: adminUser, text: '/stats' });
    expect((await reply(adminChat, 1)).text).toMatch(/👍 0 · 👎 1/);

    // `npm run eval -- --from-feedback`: the 👎 as a candidate eval row, with what the bot quoted.
    const exported = spawnSync(process.execPath, [...scriptArgs('eval'), '--from-feedback'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    expect(exported.status).toBe(0);
    const rows = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; lang: string; chatType: string; quoted: { text?: string }[] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ question: '永川区委书记是谁？', lang: 'zh', chatType: 'private' });
    expect(rows[0]!.quoted.some((q) => q.text?.includes('张智奎'))).toBe(true);
  }, 60_000);

  it('admins add a .txt document: written with a sidecar, indexed, answered, correctable and undoable', async () => {
    const chat = fake.privateChat(adminUser);
    const before = fake.messagesTo(chat.id).length;
    fake.sendDocument({ chat, from: adminUser, fileName: 'rongchang.txt', content: ARTICLE_TEXT, mimeType: 'text/plain' });
    const added = await reply(chat, before + 1, 30_000);
    expect(added.text).toContain('Added: 《荣昌区建成全市首个夏布非遗工坊》');
    expect(added.text).toMatch(/Passages: [1-9]/);
    const file = /File: (\S+)/.exec(added.text)![1]!;
    expect(articleFiles()).toContain(file);
    expect(readFileSync(path.join(corpus, file.replace('.txt', '.meta.yaml')), 'utf8')).toContain('paper: 渝西都市报');

    const reader = fake.createUser({ language_code: 'zh' });
    const readerChat = fake.privateChat(reader);
    fake.sendText({ chat: readerChat, from: reader, text: '荣昌夏布非遗工坊入驻了多少织布艺人？' });
    const answer = await reply(readerChat, 1);
    expect(answer.text).toContain('三十二名');
    expect(answer.text).toContain('《荣昌区建成全市首个夏布非遗工坊》');

    // Fix the date: the bot asks for a reply, a bad date is refused, a good one lands.
    fake.pressButton({ from: adminUser, message: added, data: dataOf(added, 'i:d:')! });
    const prompt = await reply(chat, before + 2);
    expect(prompt.text).toBe(ADMIN.en.askDate);
    fake.sendText({ chat, from: adminUser, text: 'May 8th', replyTo: prompt });
    expect((await reply(chat, before + 3)).text).toBe(ADMIN.en.badDate);
    fake.sendText({ chat, from: adminUser, text: '2024-05-08', replyTo: prompt });
    expect((await reply(chat, before + 4, 30_000)).text).toBe(ADMIN.en.updated('荣昌区建成全市首个夏布非遗工坊', '8 May 2024'));

    fake.pressButton({ from: adminUser, message: added, data: dataOf(added, 'i:u:')! });
    expect((await reply(chat, before + 5, 30_000)).text).toBe(ADMIN.en.undone(file));
    expect(articleFiles()).not.toContain(file);
    fake.sendText({ chat: readerChat, from: reader, text: '荣昌夏布非遗工坊入驻了多少织布艺人？' });
    expect((await reply(readerChat, 2)).text).not.toContain('三十二名');
  }, 90_000);

  it('admins add a .docx and a web page; /remove lists and removes them', async () => {
    const chat = fake.privateChat(adminUser);
    let n = fake.messagesTo(chat.id).length;
    fake.sendDocument({ chat, from: adminUser, fileName: 'dazu.docx', content: makeDocx(['大足石刻研究院开放数字展厅', '大足石刻研究院数字展厅今日开放，展出石刻高清模型一百二十件，游客可通过虚拟现实设备近距离观看。']) });
    const docx = await reply(chat, ++n, 30_000);
    expect(docx.text).toContain('Added: 《大足石刻研究院开放数字展厅》');

    fake.sendText({ chat, from: adminUser, text: `/add ${webRoot}/article` });
    const page = await reply(chat, ++n, 30_000);
    expect(page.text).toContain('《铜梁龙灯走进校园》');
    expect(page.text).toContain('Date: 9 May 2024');
    const pageFile = /File: (\S+)/.exec(page.text)![1]!;
    const sidecar = readFileSync(path.join(corpus, pageFile.replace('.txt', '.meta.yaml')), 'utf8');
    expect(sidecar).toContain(`url: ${webRoot}/article`);
    expect(sidecar).toContain('paper: 铜梁日报');

    const reader = fake.createUser({ language_code: 'zh' });
    const readerChat = fake.privateChat(reader);
    fake.sendText({ chat: readerChat, from: reader, text: '铜梁聘请了多少龙灯艺人进校授课？' });
    const cited = await reply(readerChat, 1);
    expect(cited.text).toContain('八十名');
    expect(cited.entities?.some((e) => e.type === 'text_link' && (e as { url: string }).url === `${webRoot}/article`)).toBe(true);

    fake.sendText({ chat, from: adminUser, text: '/remove' });
    const list = await reply(chat, ++n);
    expect(list.text).toBe(ADMIN.en.removeList);
    const removeButtons = buttonsOf(list).filter((b) => b.callback_data?.startsWith('r:'));
    expect(removeButtons.map((b) => b.callback_data)).toContain(`r:${pageFile}`);
    fake.pressButton({ from: adminUser, message: list, data: `r:${pageFile}` });
    expect((await reply(chat, ++n, 30_000)).text).toBe(ADMIN.en.undone(pageFile));
    expect(articleFiles()).not.toContain(pageFile);
  }, 90_000);

  it('two admins adding at once both land', async () => {
    const a = fake.privateChat(adminUser);
    const b = fake.privateChat(secondAdmin);
    const na = fake.messagesTo(a.id).length;
    const nb = fake.messagesTo(b.id).length;
    fake.sendDocument({ chat: a, from: adminUser, fileName: 'a.md', content: '# 合川举办桃花节\n\n合川区第十届桃花节今日开幕，预计接待游客二十万人次，同期举办农产品展销会。' });
    fake.sendDocument({ chat: b, from: secondAdmin, fileName: 'b.txt', content: '潼南柠檬出口东盟\n\n潼南区今年一季度出口柠檬一万二千吨，主要销往越南、泰国等东盟国家。' });
    const ra = await reply(a, na + 1, 30_000);
    const rb = await reply(b, nb + 1, 30_000);
    const fa = /File: (\S+)/.exec(ra.text)![1]!;
    const fb = /文件：(\S+)/.exec(rb.text)![1]!;
    expect(fa).not.toBe(fb);
    expect(articleFiles()).toEqual(expect.arrayContaining([fa, fb]));
    const reader = fake.createUser({ language_code: 'zh' });
    const chat = fake.privateChat(reader);
    fake.sendText({ chat, from: reader, text: '合川桃花节预计接待多少游客？' });
    expect((await reply(chat, 1)).text).toContain('二十万人次');
    fake.sendText({ chat, from: reader, text: '潼南一季度出口柠檬多少吨？' });
    expect((await reply(chat, 2)).text).toContain('一万二千吨');
  }, 60_000);

  it('bad intake gets one clear line and changes nothing', async () => {
    const chat = fake.privateChat(adminUser);
    const files = articleFiles();
    let n = fake.messagesTo(chat.id).length;
    const expectReply = async (send: () => void, pattern: RegExp | string) => {
      send();
      const r = await reply(chat, ++n, 30_000);
      if (typeof pattern === 'string') expect(r.text).toBe(pattern);
      else expect(r.text).toMatch(pattern);
    };
    await expectReply(() => fake.sendDocument({ chat, from: adminUser, fileName: 'fake.docx', content: Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 255, 254]) }), /^Cannot read that file: not a Word/);
    await expectReply(() => fake.sendDocument({ chat, from: adminUser, fileName: 'huge.txt', content: 'x', claimedSize: 50 * 1024 * 1024 }), ADMIN.en.tooLarge(1));
    await expectReply(() => fake.sendDocument({ chat, from: adminUser, fileName: 'photo.png', content: 'x' }), ADMIN.en.unsupported);
    await expectReply(() => fake.sendText({ chat, from: adminUser, text: `/add ${webRoot}/slow` }), /^Cannot fetch that address: no complete answer within/);
    await expectReply(() => fake.sendText({ chat, from: adminUser, text: '/add ftp://example.com/x' }), ADMIN.en.badUrl);
    await expectReply(() => fake.sendText({ chat, from: adminUser, text: `/add ${webRoot}/missing` }), /^Cannot fetch that address: the server answered 404/);

    const stranger = fake.createUser({ language_code: 'zh' });
    const strangerChat = fake.privateChat(stranger);
    fake.sendDocument({ chat: strangerChat, from: stranger, fileName: 'a.txt', content: ARTICLE_TEXT });
    expect((await reply(strangerChat, 1)).text).toBe(ADMIN.zh.notAdmin);
    fake.sendText({ chat: strangerChat, from: stranger, text: `/add ${webRoot}/article` });
    expect((await reply(strangerChat, 2)).text).toBe(ADMIN.zh.notAdmin);
    expect(articleFiles()).toEqual(files);
    expect(readdirSync(corpus).some((f) => f.startsWith('.'))).toBe(false);
    expect(bot.output()).not.toContain(TOKEN.split(':')[1]!);
  }, 60_000);
});
