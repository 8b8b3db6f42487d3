// 5. Bot throughput: the bot started as `npm start` starts it (a child process, benchmark model, index
// of corpus/), talking over real HTTP to the fake Bot API server of the tests on 127.0.0.1.
//   - closed loop (capacity): N chats each ask, wait for the answer, ask again;
//   - open loop (the target): questions arrive at a fixed rate spread over 100 chats, as in a busy group
//     setting, and the reply latency is measured at that rate;
//   - one reply held up 3 s by the server while ten other chats ask.
// Baseline, same run: the same questions answered in-process by Engine.ask (the answer pipeline
// without Telegram), so the ratio is the cost of the Telegram layer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { prepare } from '../../src/boot.js';
import { readQuestionSet } from '../../src/eval/dataset.js';
import { scriptArgs } from '../helpers/cli.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import type { BenchContext } from './lib/context.js';
import { MODEL, MODEL_DIR } from './lib/context.js';
import type { Row, SectionResult, Target } from './lib/report.js';
import { median, now, percentile } from './lib/stats.js';

const TOKEN = '555000:BENCH-token_abcdefghijklmnopqrstuvwxyz';

/** Resolves replies by chat, in order, as the fake server records them (one poller for all chats). */
class ReplyWatcher {
  private seen = 0;
  private readonly waiting = new Map<number, ((at: number) => void)[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly fake: FakeBotApi) {
    this.timer = setInterval(() => this.poll(), 2);
  }

  private poll(): void {
    const calls = this.fake.calls;
    for (; this.seen < calls.length; this.seen++) {
      const c = calls[this.seen]!;
      if (c.method !== 'sendMessage' || c.status !== 200) continue;
      this.waiting.get(c.params.chat_id as number)?.shift()?.(c.at);
    }
  }

  /** Milliseconds from now until the bot's next (not yet awaited) message to `chat` reaches the server. */
  next(chat: number, timeoutMs = 60_000): Promise<number> {
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to chat ${chat} within ${timeoutMs} ms`)), timeoutMs);
      const queue = this.waiting.get(chat) ?? [];
      queue.push((at) => {
        clearTimeout(timer);
        resolve(Math.max(0, at - t0));
      });
      this.waiting.set(chat, queue);
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function runBot(ctx: BenchContext): Promise<SectionResult> {
  const quick = ctx.options.quick;
  const questions = ['test/eval/qa-dev.jsonl', 'test/eval/qa-extra.jsonl']
    .flatMap(readQuestionSet)
    .filter((q) => q.lang === 'zh')
    .map((q) => q.question);
  const indexDir = await ctx.corpusIndex();

  // Baseline: the answer pipeline alone, in this process, sequentially.
  const { engine } = await prepare(ctx.configFor('corpus', indexDir), { quiet: true });
  for (const q of questions.slice(0, 10)) await engine.ask(q, { k: ctx.config.SEARCH_TOP_K });
  const baseLat: number[] = [];
  const baseStart = now();
  for (let i = 0; i < (quick ? 100 : 300); i++) {
    const t = now();
    await engine.ask(questions[i % questions.length]!, { k: ctx.config.SEARCH_TOP_K });
    baseLat.push(now() - t);
  }
  const baseQps = baseLat.length / ((now() - baseStart) / 1000);

  const fake = await FakeBotApi.start({ token: TOKEN, botUsername: 'bench_bot' });
  const child = spawn(process.execPath, scriptArgs('start'), {
    cwd: ctx.root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: ctx.tmp,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      CORPUS_DIR: 'corpus',
      EMBEDDINGS_DIR: indexDir,
      MODEL_DIR,
      EMBEDDING_MODEL: MODEL,
      ALLOW_MODEL_DOWNLOAD: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += String(d)));
  child.stdout.on('data', (d) => (log += String(d)));
  const watcher = new ReplyWatcher(fake);
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const data: Record<string, unknown> = {};
  try {
    await fake.waitFor(() => log.includes('running with long polling'), 60_000);
    ctx.progress('bot: started; warming up …');
    const warm = fake.createUser({ language_code: 'zh' });
    const warmChat = fake.privateChat(warm);
    for (const q of questions.slice(0, 5)) {
      const reply = watcher.next(warmChat.id);
      fake.sendText({ chat: warmChat, from: warm, text: q });
      await reply;
    }

    const levels = [1, 10, 100];
    const seconds = quick ? 4 : 15;
    for (const n of levels) {
      const users = Array.from({ length: n }, () => fake.createUser({ language_code: 'zh' }));
      const chats = users.map((u) => fake.privateChat(u));
      const latencies: number[] = [];
      let rssMax = 0;
      const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMiB(child.pid!) || 0)), 200);
      const t0 = now();
      const deadline = t0 + seconds * 1000;
      let asked = 0;
      await Promise.all(
        chats.map(async (chat, c) => {
          for (let i = 0; now() < deadline || (n === 1 && latencies.length < 50); i++) {
            const q = questions[(c * 7 + i) % questions.length]!;
            const reply = watcher.next(chat.id);
            fake.sendText({ chat, from: users[c]!, text: q });
            asked++;
            latencies.push(await reply);
          }
        }),
      );
      const wall = (now() - t0) / 1000;
      clearInterval(sampler);
      const qps = latencies.length / wall;
      rows.push({
        metric: `${n} concurrent chat${n > 1 ? 's' : ''}: answers/s`,
        value: qps,
        unit: 'q/s',
        baseline: { label: 'Engine.ask in-process, sequential', value: baseQps },
        ratio: qps / baseQps,
        runs: `${latencies.length} answers in ${wall.toFixed(1)} s`,
        note: `bot RSS max ${rssMax.toFixed(0)} MiB`,
      });
      rows.push({
        metric: `${n} concurrent chat${n > 1 ? 's' : ''}: reply latency`,
        value: median(latencies),
        p99: percentile(latencies, 99),
        unit: 'ms',
        baseline: { label: 'Engine.ask alone (p50)', value: median(baseLat) },
        runs: latencies.length,
        note: 'question sent → answer received by the Bot API server',
      });
      data[`chats${n}`] = { answers: latencies.length, asked, seconds: wall, qps, p50: median(latencies), p99: percentile(latencies, 99), rssMaxMiB: rssMax };
      ctx.progress(`bot: ${n} chats → ${qps.toFixed(1)} answers/s, p50 ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, RSS ≤ ${rssMax.toFixed(0)} MiB`);
      if (n === 1) {
        data.privateMedianMs = median(latencies);
        notes.push(`private answer through the local Bot API server: median ${median(latencies).toFixed(1)} ms over ${latencies.length} questions (1 chat)`);
      }
    }

    // Open loop: 100 chats, questions arriving at a fixed total rate (each chat every 100/rate s).
    const rate = 50;
    const chatsN = 100;
    const users = Array.from({ length: chatsN }, () => fake.createUser({ language_code: 'zh' }));
    const chats = users.map((u) => fake.privateChat(u));
    const total = rate * (quick ? 6 : 20);
    const pending: Promise<number>[] = [];
    let rssMax = 0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMiB(child.pid!) || 0)), 200);
    const t0 = now();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const c = i % chatsN;
      pending.push(watcher.next(chats[c]!.id));
      fake.sendText({ chat: chats[c]!, from: users[c]!, text: questions[(i * 7) % questions.length]! });
    }
    const openLat = await Promise.all(pending);
    const wall = (now() - t0) / 1000;
    clearInterval(sampler);
    const sustained = openLat.length / wall;
    const p99 = percentile(openLat, 99);
    rows.push({
      metric: `${chatsN} chats, questions arriving at ${rate}/s: reply latency`,
      value: median(openLat),
      p99,
      unit: 'ms',
      baseline: { label: 'Engine.ask alone (p50)', value: median(baseLat) },
      runs: `${openLat.length} answers in ${wall.toFixed(1)} s (${sustained.toFixed(1)}/s)`,
      note: `bot RSS max ${rssMax.toFixed(0)} MiB`,
    });
    data.openLoop = { chats: chatsN, rate, answers: openLat.length, seconds: wall, sustained, p50: median(openLat), p99, rssMaxMiB: rssMax };
    targets.push({
      name: `${chatsN} concurrent chats at ${rate} questions/s`,
      goal: '>= 50 answered/s sustained, p99 <= 1 s, memory bounded',
      measured: `${sustained.toFixed(1)} answered/s, p50 ${median(openLat).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, bot RSS max ${rssMax.toFixed(0)} MiB`,
      met: sustained >= rate * 0.95 && p99 <= 1000,
      ...(p99 > 1000 ? { miss: `p99 ${(p99 / 1000).toFixed(2)} s` } : {}),
    });
    ctx.progress(`bot: open loop ${rate}/s over ${chatsN} chats → p50 ${median(openLat).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`);

    // One reply held up 3 s by the server must not delay ten other chats.
    const slowUser = fake.createUser({ language_code: 'zh' });
    const slowChat = fake.privateChat(slowUser);
    fake.injectFault({ method: 'sendMessage', kind: 'slow', delayMs: 3000, times: 1 });
    const slowReply = watcher.next(slowChat.id);
    const held = now();
    fake.sendText({ chat: slowChat, from: slowUser, text: questions[0]! });
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'sendChatAction' && c.params.chat_id === slowChat.id), 10_000);
    await new Promise((r) => setTimeout(r, 100));
    const others = Array.from({ length: 10 }, () => fake.createUser({ language_code: 'zh' }));
    const otherLat: number[] = [];
    await Promise.all(
      others.map(async (u, c) => {
        const chat = fake.privateChat(u);
        for (let i = 0; i < 5; i++) {
          const reply = watcher.next(chat.id);
          fake.sendText({ chat, from: u, text: questions[(c + i + 1) % questions.length]! });
          otherLat.push(await reply);
        }
      }),
    );
    const othersDone = now() - held;
    await slowReply; // resolves when the server has answered the held request
    const slowMs = now() - held;
    rows.push({
      metric: 'other chats while one reply is held 3 s',
      value: median(otherLat),
      p99: percentile(otherLat, 99),
      unit: 'ms',
      baseline: { label: 'held reply (ms)', value: slowMs },
      runs: otherLat.length,
      note: `all 50 answers of the 10 other chats were delivered within ${othersDone.toFixed(0)} ms of the slow question; its own reply completed after ${slowMs.toFixed(0)} ms`,
    });
    targets.push({
      name: 'a slow reply does not delay other chats',
      goal: "others' p99 well under the 3 s hold",
      measured: `others p99 ${percentile(otherLat, 99).toFixed(0)} ms; held reply ${slowMs.toFixed(0)} ms`,
      met: percentile(otherLat, 99) < 1000,
    });
    if (log.includes(TOKEN)) notes.push('WARNING: the token appeared in the bot output');
  } finally {
    watcher.stop();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await fake.close();
  }
  return { rows, targets, notes, data };
}
