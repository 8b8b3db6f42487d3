// Delivery under Bot API faults, against the fake server: every kind of failure is retried only when a
// retry cannot show the user the same answer twice, 429s of up to five minutes are waited out (on an
// injected clock, so the test does not wait), and a chat's messages keep their order.
import net from 'node:net';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure, installRetry, type RetryPolicy } from '../src/telegram/retry.js';
import { Scheduler } from '../src/telegram/scheduler.js';
import { sendHtml } from '../src/telegram/send.js';
import { FakeBotApi, type FaultSpec } from './support/fake-bot-api.js';

const TOKEN = '424242:AAdelivery-test-token_0123456789ab';

let fake: FakeBotApi;
beforeAll(async () => {
  fake = await FakeBotApi.start({ token: TOKEN });
});
afterAll(() => fake.close());

/** A client with retries whose sleeps are recorded, not waited. */
function client(apiRoot: string, policy: Partial<RetryPolicy> = {}): { tg: Telegram; slept: number[] } {
  const tg = new Telegram(TOKEN, { apiRoot });
  const slept: number[] = [];
  installRetry(tg, { sleep: async (ms) => void slept.push(ms), ...policy });
  return { tg, slept };
}

/** A private chat the bot may write to (the user has written first). */
function newChat() {
  const from = fake.createUser();
  const chat = fake.privateChat(from);
  fake.sendText({ chat, from, text: 'hi' });
  return chat;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Fault = DistributiveOmit<FaultSpec, 'method'>;

describe('delivery under faults', () => {
  // Each fault hits the first sendMessage of one reply; "delivered" counts what reached the chat.
  const cases: Array<{ name: string; fault: Fault; delivered: number; policy?: Partial<RetryPolicy> }> = [
    { name: '429 with retry_after 300 s', fault: { kind: '429', retryAfter: 300 }, delivered: 1 },
    { name: '500', fault: { kind: '500' }, delivered: 1 },
    { name: 'reset after Telegram sent it', fault: { kind: 'reset-after' }, delivered: 1 },
    { name: '200 with an unreadable body', fault: { kind: 'garbled' }, delivered: 1 },
    { name: 'timeout after the request went out', fault: { kind: 'slow', delayMs: 600 }, delivered: 1, policy: { timeoutMs: 200 } },
    // Indistinguishable from a reset after sending: not sent again (at most once, see README).
    { name: 'reset before Telegram processed it', fault: { kind: 'drop' }, delivered: 0 },
  ];
  const duplicates: Record<string, number> = {};

  for (const c of cases) {
    it(`${c.name}: ${c.delivered ? 'delivered once' : 'not sent twice'}`, async () => {
      const chat = newChat();
      const { tg } = client(fake.apiRoot, c.policy);
      fake.injectFault({ method: 'sendMessage', ...c.fault } as FaultSpec);
      await sendHtml(tg, chat.id, `<b>answer</b> to ${c.name}`); // never throws for these faults
      if (c.fault.kind === 'slow') await fake.waitFor(() => fake.messagesTo(chat.id).length > 0, 5000);
      const got = fake.messagesTo(chat.id).length;
      duplicates[c.name] = Math.max(0, got - 1);
      expect(got).toBe(c.delivered);
    });
  }

  it('connection refused: retried (nothing was sent), delivered once', async () => {
    const port = await freePort();
    let other: FakeBotApi | undefined;
    const { tg, slept } = client(`http://127.0.0.1:${port}`, {
      // The server comes up during the first backoff: the retry reaches it.
      sleep: async (ms) => {
        slept.push(ms);
        other ??= await FakeBotApi.start({ token: TOKEN, port });
      },
    });
    try {
      expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('not-sent');
      await expect(sendHtml(tg, 77, 'x')).rejects.toThrow(/chat not found/); // reached the server
      expect(slept.length).toBe(1);
    } finally {
      await other?.close();
    }
  });

  it('retries idempotent calls after a reset or an unreadable answer', async () => {
    const { tg, slept } = client(fake.apiRoot);
    fake.injectFault({ method: 'setMyCommands', kind: 'reset-after' });
    fake.injectFault({ method: 'getMyCommands', kind: 'garbled' });
    await tg.setMyCommands([{ command: 'help', description: 'help' }]);
    expect(await tg.getMyCommands()).toEqual([{ command: 'help', description: 'help' }]);
    expect(slept.length).toBe(2);
  });

  it('gives up on a retry_after above the bound, and on 4xx at once', async () => {
    const chat = newChat();
    const { tg, slept } = client(fake.apiRoot, { maxRetryAfterMs: 300_000 });
    fake.injectFault({ method: 'sendMessage', kind: '429', retryAfter: 301 });
    await expect(sendHtml(tg, chat.id, 'x')).rejects.toThrow(/Too Many Requests/);
    await expect(sendHtml(tg, -1, 'x')).rejects.toThrow(/chat not found/);
    expect(slept).toEqual([]);
  });

  it('reports no duplicate for any fault kind', () => {
    // Printed for the record (the per-kind tests above assert the counts).
    console.log(`duplicates per fault kind: ${JSON.stringify(duplicates)}`);
    expect(Object.values(duplicates).every((d) => d === 0)).toBe(true);
  });
});

describe('rate limits and order', () => {
  it('loses no reply to 429s of 120-300 s and keeps each chat in order while other chats go on', async () => {
    const waits: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The first wait is held until the test releases it; the others pass at once.
    const { tg } = client(fake.apiRoot, {
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 1) await held;
      },
    });
    const chats = Array.from({ length: 6 }, () => newChat());
    const scheduler = new Scheduler(8, 100, (e) => {
      throw e;
    });
    const retryAfter = [300, 120, 180, 240, 300, 150];
    fake.injectFault({ method: 'sendMessage', kind: '429', retryAfter: retryAfter[0]! });
    // Chat 0 is hit first and held; its later messages must wait behind it.
    scheduler.submit('0', async () => void (await sendHtml(tg, chats[0]!.id, 'a1')));
    await new Promise((r) => setTimeout(r, 100));
    scheduler.submit('0', async () => void (await sendHtml(tg, chats[0]!.id, 'a2')));
    scheduler.submit('0', async () => void (await sendHtml(tg, chats[0]!.id, 'a3')));
    for (let i = 1; i < chats.length; i++) {
      fake.injectFault({ method: 'sendMessage', kind: '429', retryAfter: retryAfter[i]! });
      scheduler.submit(String(i), async () => void (await sendHtml(tg, chats[i]!.id, `answer ${i}`)));
    }
    await fake.waitFor(() => chats.slice(1).every((c) => fake.messagesTo(c.id).length === 1), 5000);
    expect(fake.messagesTo(chats[0]!.id)).toHaveLength(0); // still waiting out its 300 s
    release();
    await scheduler.drain();
    expect(fake.messagesTo(chats[0]!.id).map((m) => m.text)).toEqual(['a1', 'a2', 'a3']);
    for (const c of chats) expect(fake.messagesTo(c.id).length).toBeGreaterThan(0);
    expect([...waits].sort((a, b) => a - b)).toEqual([...retryAfter].sort((a, b) => a - b).map((s) => s * 1000));
  });
});
