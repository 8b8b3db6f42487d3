// Running the bot: long polling by default, a webhook server (with secret check and a health endpoint)
// when WEBHOOK_URL is set; command menus registered in Chinese and English; clean stop on SIGINT/SIGTERM.
import http from 'node:http';
import type { Telegram } from 'telegraf';
import { reloadIndex } from '../boot.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import type { Engine } from '../search/engine.js';
import { createBot } from './bot.js';

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

const COMMANDS = {
  zh: [
    { command: 'ask', description: '提问（群聊中使用）：/ask 问题' },
    { command: 'sources', description: '报道列表' },
    { command: 'help', description: '用法' },
    { command: 'start', description: '简介和示例问题' },
  ],
  en: [
    { command: 'ask', description: 'Ask a question (in groups): /ask question' },
    { command: 'sources', description: 'The articles in the coverage' },
    { command: 'help', description: 'How to use the bot' },
    { command: 'start', description: 'What the bot knows, with example questions' },
  ],
};

/** Command menus are a convenience: a failure is logged and the bot runs on. */
export async function registerCommands(telegram: Telegram): Promise<void> {
  try {
    await telegram.setMyCommands(COMMANDS.en);
    await telegram.setMyCommands(COMMANDS.zh, { language_code: 'zh' });
  } catch (e) {
    log.warn(`could not register the command menu (${(e as Error).message}); commands still work`);
  }
}

export interface RunningBot {
  /** Resolves once the bot has stopped. */
  stopped: Promise<void>;
  stop: (reason: string) => Promise<void>;
  /** Webhook mode: the local address of the HTTP server. */
  address?: { port: number };
}

export async function startBot(engine: Engine, config: Config): Promise<RunningBot> {
  let current = engine;
  const { bot, scheduler } = createBot({
    config,
    engine: () => current,
    reload: async () => {
      // Re-indexes in a child process: other chats are answered meanwhile.
      const next = await reloadIndex(config);
      if (next.engine) current = next.engine;
      return next.summary;
    },
  });

  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (e) {
    const code = (e as { response?: { error_code?: number } }).response?.error_code;
    throw new AppError(
      code === 401 || code === 404
        ? 'Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather'
        : `cannot reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT}: ${(e as Error).message}`,
    );
  }
  await registerCommands(bot.telegram);

  let server: http.Server | undefined;
  let polling: Promise<void> | undefined;
  if (config.WEBHOOK_URL) {
    const url = new URL(config.WEBHOOK_URL);
    const callback = bot.webhookCallback(url.pathname, { secretToken: config.WEBHOOK_SECRET! });
    server = http.createServer((req, res) => {
      if (req.method === 'GET' && (req.url === '/healthz' || req.url === '/health')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, mode: current.mode, passages: current.chunkCount, backlog: scheduler.backlog }));
        return;
      }
      void callback(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.WEBHOOK_PORT, config.WEBHOOK_HOST, () => resolve());
    });
    await bot.telegram.setWebhook(url.toString(), { secret_token: config.WEBHOOK_SECRET!, allowed_updates: [...ALLOWED_UPDATES] });
    log.info(`@${bot.botInfo.username} is running with a webhook at ${url.origin}${url.pathname} (listening on ${config.WEBHOOK_HOST}:${config.WEBHOOK_PORT}, health at /healthz)`);
  } else {
    polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
    log.info(`@${bot.botInfo.username} is running with long polling (${current.mode} search, ${current.chunkCount} passages). Ctrl-C stops it.`);
  }

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return stopped;
    stopping = true;
    log.info(`stopping (${reason}) …`);
    if (polling) {
      bot.stop(reason);
      await polling.catch(() => undefined);
    }
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await scheduler.drain(); // answers already being prepared are still delivered
    resolveStopped();
    return stopped;
  };
  polling?.catch((e: Error) => {
    log.error(`polling stopped: ${e.message}`);
    void stop('polling error');
  });
  const address = server?.address();
  return { stopped, stop, ...(address && typeof address === 'object' ? { address: { port: address.port } } : {}) };
}

/** `npm start` with a token: runs until SIGINT/SIGTERM. */
export async function runBot(engine: Engine, config: Config): Promise<void> {
  const running = await startBot(engine, config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop(signal));
  await running.stopped;
}
