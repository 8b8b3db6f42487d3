// The webhook server under hostile input: only a whole, valid Update reaches the bot; everything else is
// a 4xx and the server keeps serving. Fuzzed bodies, UTF-8 split across TCP writes, limits.
import type http from 'node:http';
import net from 'node:net';
import type { Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookServer, parseUpdate, type WebhookOptions } from '../src/telegram/webhook.js';

const SECRET = 'hook_secret-1';
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function start(over: Partial<WebhookOptions> = {}) {
  const updates: Update[] = [];
  const server = createWebhookServer({
    path: '/hook',
    secret: SECRET,
    maxBodyBytes: 64 * 1024,
    maxSockets: 50,
    timeoutMs: 2000,
    onUpdate: async (u) => void updates.push(u),
    overloaded: () => false,
    health: () => ({ ok: true }),
    ...over,
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  const post = async (body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, ...headers },
      body,
    });
    await res.text();
    return res.status;
  };
  const health = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  return { updates, port, post, health };
}

const message = (text: string) => ({
  update_id: 7,
  message: { message_id: 1, date: 1_700_000_000, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'A' }, text },
});

describe('webhook bodies', () => {
  it('passes a valid Update, and answers 400 to everything else without reaching the bot', async () => {
    const { updates, post, health } = await start();
    expect(await post(JSON.stringify(message('你好')))).toBe(200);
    const bad: Array<string | Uint8Array> = [
      'null',
      '[]',
      '1',
      '"x"',
      '{}',
      '{"update_id":"1"}',
      '{"update_id":-1}',
      '{"update_id":1.5}',
      '{"update_id":1,"message":null}',
      '{"update_id":1,"message":"hi"}',
      '{"update_id":1,"message":{"message_id":1}}',
      '{"update_id":1,"callback_query":{"id":"1"}}',
      '{"update_id":1,"inline_query":[]}',
      JSON.stringify({ ...message('a'), callback_query: { id: '1', from: { id: 1 } } }),
      '{"update_id":1,',
      '',
      Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), // not UTF-8
    ];
    for (const body of bad) expect(await post(body), String(body)).toBe(400);
    expect(updates).toHaveLength(1);
    expect(await health()).toBe(200);
  });

  it('checks secret, method, path and size', async () => {
    const { updates, port, post } = await start({ maxBodyBytes: 1024 });
    const body = JSON.stringify(message('x'));
    expect(await post(body, { 'x-telegram-bot-api-secret-token': 'wrong' })).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/hook`)).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/other`, { method: 'POST', body })).status).toBe(404);
    expect(await post(JSON.stringify(message('长'.repeat(2000))))).toBe(413);
    expect(updates).toHaveLength(0);
  });

  it('keeps a character split across TCP writes intact', async () => {
    const { updates, port } = await start();
    const bytes = Buffer.from(JSON.stringify(message('永川区委书记是谁？')));
    const cut = bytes.indexOf(Buffer.from('委')) + 1; // inside the three bytes of 委
    const socket = net.connect(port, '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let out = '';
      socket.on('data', (d) => (out += String(d)));
      socket.on('end', () => resolve(out));
      socket.on('close', () => resolve(out));
    });
    socket.write(`POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`);
    socket.write(bytes.subarray(0, cut));
    await new Promise((r) => setTimeout(r, 50));
    socket.write(bytes.subarray(cut));
    expect(await answer).toMatch(/^HTTP\/1.1 200/);
    expect((updates[0] as Update.MessageUpdate & { message: { text: string } }).message.text).toBe('永川区委书记是谁？');
  });

  it('survives fuzzed bodies: every answer is 200 or 4xx, never a crash', async () => {
    const { updates, post, health } = await start();
    // Deterministic pseudo-random generator, so a failure can be replayed.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const base = JSON.stringify(message('永川区委书记是谁？'));
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      let body: string | Uint8Array;
      if (i % 3 === 0) body = Uint8Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256));
      else {
        const chars = [...base];
        for (let k = 0; k < 1 + rnd() * 4; k++) chars[Math.floor(rnd() * chars.length)] = '{}[]",:0n\u0000é'[Math.floor(rnd() * 13)]!;
        body = chars.join('');
      }
      const status = await post(body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect([200, 400]).toContain(status);
    }
    for (const u of updates) expect(parseUpdate(Buffer.from(JSON.stringify(u)))).toHaveProperty('update');
    expect(await health()).toBe(200);
  });

  it('sheds deliveries with 503 while the answer queue is full', async () => {
    let full = true;
    const { updates, post } = await start({ overloaded: () => full });
    expect(await post(JSON.stringify(message('x')))).toBe(503);
    full = false;
    expect(await post(JSON.stringify(message('x')))).toBe(200);
    expect(updates).toHaveLength(1);
  });
});

describe('webhook sockets', () => {
  it('closes the oldest idle sockets past the limit, so /healthz still gets in', async () => {
    const { port, health, post } = await start({ maxSockets: 20 });
    const idle: net.Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 200; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.on('close', () => closed++);
      if (i % 2) s.write('POST /hook HTTP/1.1\r\nHost: x\r\n'); // headers never finished
      idle.push(s);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await health()).toBe(200);
    expect(await post(JSON.stringify(message('x')))).toBe(200);
    expect(closed).toBeGreaterThanOrEqual(200 - 20);
    for (const s of idle) s.destroy();
  });

  it('closes connections whose headers do not arrive in time', async () => {
    const { port } = await start({ timeoutMs: 500 });
    const s = net.connect(port, '127.0.0.1');
    s.write('POST /hook HTTP/1.1\r\nHost: x\r\n');
    let answer = '';
    await new Promise<void>((resolve) => {
      s.on('data', (d) => (answer += String(d)));
      s.on('error', () => undefined);
      s.on('close', () => resolve());
    });
    expect(answer).toMatch(/^HTTP\/1.1 400/);
  });
});
