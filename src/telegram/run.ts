// Running the bot: long polling by default, a webhook server (see webhook.ts) when WEBHOOK_URL is set;
// command menus registered in Chinese and English; clean stop on SIGINT/SIGTERM. A start-up that cannot
// work (token refused, webhook refused) and a fatal polling error end with one line and a non-zero exit.
import type http from 'node:http';
import type { Telegram } from 'telegraf';
import { reloadIndex } from '../boot.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import type { Engine } from '../search/engine.js';
import { createBot } from './bot.js';
import { setRetryDefaults } from './retry.js';
import { createHealthServer, createWebhookServer } from './webhook.js';

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
  /** Set when the bot stopped because it could not go on (e.g. polling refused with 401). */
  failure?: AppError;
}

/** One line for a Bot API failure: the token problem spelled out, the rest as telegraf words it. */
function apiProblem(e: unknown): string {
  const code = (e as { response?: { error_code?: number } }).response?.error_code;
  if (code === 401 || code === 404) return 'Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather';
  if (code === 409) return `another instance of this bot is running or a webhook is set (409 Conflict): ${(e as Error).message}`;
  return (e as Error)?.message ?? String(e);
}

export async function startBot(engine: Engine, config: Config): Promise<RunningBot> {
  setRetryDefaults({ maxRetryAfterMs: config.TELEGRAM_MAX_RETRY_AFTER_S * 1000 });
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
  let healthServer: http.Server | undefined;
  let polling: Promise<void> | undefined;
  if (config.WEBHOOK_URL) {
    const url = new URL(config.WEBHOOK_URL);
    const health = () => ({ ok: true, mode: current.mode, passages: current.chunkCount, backlog: scheduler.backlog });
    const hook = createWebhookServer({
      path: url.pathname,
      secret: config.WEBHOOK_SECRET!,
      maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
      maxSockets: config.WEBHOOK_MAX_SOCKETS,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      onUpdate: (update) => bot.handleUpdate(update),
      overloaded: () => scheduler.full,
      health,
    });
    await new Promise<void>((resolve, reject) => {
      hook.once('error', (e: NodeJS.ErrnoException) =>
        reject(new AppError(`cannot listen on ${config.WEBHOOK_HOST}:${config.WEBHOOK_PORT} for the webhook: ${e.code ?? e.message}`)),
      );
      // A deep accept queue: a burst of connections waits to be accepted (and evicted) rather than dropped.
      hook.listen({ port: config.WEBHOOK_PORT, host: config.WEBHOOK_HOST, backlog: 4096 }, () => resolve());
    });
    if (config.HEALTH_PORT) {
      const h = createHealthServer(health);
      await new Promise<void>((resolve, reject) => {
        h.once('error', (e: NodeJS.ErrnoException) => reject(new AppError(`cannot listen on ${config.WEBHOOK_HOST}:${config.HEALTH_PORT} for /healthz: ${e.code ?? e.message}`)));
        h.listen(config.HEALTH_PORT, config.WEBHOOK_HOST, () => resolve());
      }).catch(async (e: unknown) => {
        await new Promise<void>((r) => hook.close(() => r()));
        throw e;
      });
      healthServer = h;
    }
    try {
      await bot.telegram.setWebhook(url.toString(), { secret_token: config.WEBHOOK_SECRET!, allowed_updates: [...ALLOWED_UPDATES] });
    } catch (e) {
      // No webhook means no updates: do not stay up listening for nothing.
      for (const srv of [hook, healthServer]) {
        srv?.closeAllConnections();
        await new Promise<void>((r) => (srv ? srv.close(() => r()) : r()));
      }
      throw new AppError(`Telegram refused the webhook ${url.origin}${url.pathname}: ${apiProblem(e)}`);
    }
    server = hook;
    const healthAt = config.HEALTH_PORT ? `port ${config.HEALTH_PORT} and ` : '';
    log.info(`@${bot.botInfo.username} is running with a webhook at ${url.origin}${url.pathname} (listening on ${config.WEBHOOK_HOST}:${config.WEBHOOK_PORT}, health at ${healthAt}/healthz)`);
  } else {
    polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
    log.info(`@${bot.botInfo.username} is running with long polling (${current.mode} search, ${current.chunkCount} passages). Ctrl-C stops it.`);
  }

  const running: RunningBot = { stopped: Promise.resolve(), stop: async () => undefined };
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return stopped;
    stopping = true;
    log.info(`stopping (${reason}) …`);
    if (polling) {
      try {
        bot.stop(reason);
      } catch {
        // polling already ended (the fatal error that brought us here)
      }
      await polling.catch(() => undefined);
    }
    for (const srv of [server, healthServer]) {
      if (!srv) continue;
      await new Promise<void>((r) => {
        srv.close(() => r());
        srv.closeIdleConnections();
        // Half-open sockets are not "idle": cut them once requests in progress had time to finish.
        setTimeout(() => srv.closeAllConnections(), 2000).unref();
      });
    }
    await scheduler.drain(); // answers already being prepared are still delivered
    resolveStopped();
    return stopped;
  };
  polling?.catch((e: unknown) => {
    running.failure = new AppError(`polling stopped: ${apiProblem(e)}`);
    void stop('polling error');
  });
  const address = server?.address();
  running.stopped = stopped;
  running.stop = stop;
  if (address && typeof address === 'object') running.address = { port: address.port };
  return running;
}

/** `npm start` with a token: runs until SIGINT/SIGTERM. */
export async function runBot(engine: Engine, config: Config): Promise<void> {
  const running = await startBot(engine, config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop(signal));
  await running.stopped;
  if (running.failure) throw running.failure;
}
