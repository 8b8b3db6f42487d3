// The Telegram layer: feature modules (src/telegram/features/*) composed like grammY's Composer, behind
// two shared middlewares: the scheduler with the one error path, and access control. Order matters:
// buttons, inline queries, admin intake and commands come before questions; unknown commands and
// anything else last.
import path from 'node:path';
import { Telegraf } from 'telegraf';
import type { Config } from '../config.js';
import { log } from '../log.js';
import { MESSAGES, uiLang } from '../present/messages.js';
import { escapeHtml } from '../present/telegram.js';
import type { Engine } from '../search/engine.js';
import { createApp, type BotStats } from './app.js';
import { admin } from './features/admin.js';
import { callbacks, staleButtons } from './features/callbacks.js';
import { feedback } from './features/feedback.js';
import { group } from './features/group.js';
import { guide, unknownCommand } from './features/guide.js';
import { inline } from './features/inline.js';
import { intake } from './features/intake.js';
import { privateChat } from './features/private.js';
import { installRetry } from './retry.js';
import { Scheduler } from './scheduler.js';
import { sendHtml } from './send.js';
import { BotState, STATE_FILE } from './state.js';

export type { BotStats } from './app.js';

export interface BotDeps {
  config: Config;
  /** The engine in use (replaced by /reload after a re-index). */
  engine: () => Engine;
  /** Admin /reload: re-index corpus/ and swap the engine; resolves to a summary line. */
  reload?: () => Promise<string>;
}

export function createBot(deps: BotDeps): { bot: Telegraf; scheduler: Scheduler; stats: BotStats; state: BotState } {
  const { config } = deps;
  const bot = new Telegraf(config.TELEGRAM_BOT_TOKEN!, {
    telegram: { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false },
    handlerTimeout: 30_000,
  });
  installRetry(bot.telegram);
  const stats: BotStats = { startedAt: Date.now(), questions: 0, answered: 0, notCovered: 0, errors: 0 };
  const state = BotState.open(config.DATA_DIR);
  log.info(`bot state in ${path.join(config.DATA_DIR, STATE_FILE)}`);
  const scheduler = new Scheduler(config.BOT_CONCURRENCY, config.BOT_CONCURRENCY * 50, (e) => {
    stats.errors++;
    log.error(`handler failed: ${(e as Error)?.message ?? String(e)}`);
  });
  // Handlers send through `api`, the bot's own client with retries: telegraf gives each update a fresh client.
  const api = bot.telegram;
  const app = createApp({ config, api, engine: deps.engine, reload: deps.reload, state, stats });

  // Every update is handled off the polling loop, in arrival order per chat (see Scheduler). This is the
  // one error path: whatever a feature throws is logged and the user gets a short apology, not silence.
  bot.use((ctx, next) => {
    const chat = String(ctx.chat?.id ?? ctx.from?.id ?? 'inline');
    const lang = uiLang(ctx.from?.language_code);
    const say = (text: string) =>
      ctx.chat ? sendHtml(api, ctx.chat.id, escapeHtml(text)).then(() => undefined, () => undefined) : Promise.resolve();
    const handle = async () => {
      try {
        await next();
      } catch (e) {
        stats.errors++;
        log.error(`update ${ctx.update.update_id} failed: ${(e as Error)?.message ?? String(e)}`);
        if (ctx.callbackQuery) await api.answerCbQuery(ctx.callbackQuery.id, MESSAGES[lang].error).catch(() => undefined);
        else await say(MESSAGES[lang].error);
      }
    };
    if (!scheduler.submit(chat, handle)) void say(MESSAGES[lang].busy);
  });

  // Access control: with allow-lists set, only listed users/chats (and admins) are served.
  const restricted = config.ALLOWED_USER_IDS.size > 0 || config.ALLOWED_CHAT_IDS.size > 0;
  bot.use(async (ctx, next) => {
    if (!restricted || app.isAdmin(ctx)) return next();
    const allowed =
      (ctx.from !== undefined && config.ALLOWED_USER_IDS.has(ctx.from.id)) ||
      (ctx.chat !== undefined && config.ALLOWED_CHAT_IDS.has(ctx.chat.id));
    if (allowed) return next();
    if (ctx.callbackQuery) await api.answerCbQuery(ctx.callbackQuery.id).catch(() => undefined);
    if (ctx.inlineQuery) await api.answerInlineQuery(ctx.inlineQuery.id, [], { cache_time: 60 }).catch(() => undefined);
    if (ctx.chat?.type === 'private' && ctx.message) await sendHtml(api, ctx.chat.id, escapeHtml(MESSAGES.en.privateBot)).catch(() => undefined);
    log.info(`ignored update from unlisted user ${ctx.from?.id ?? '?'} in chat ${ctx.chat?.id ?? '?'}`);
  });

  bot.use(
    feedback(app),
    callbacks(app),
    intake(app),
    staleButtons(app),
    inline(app),
    admin(app, () => scheduler.backlog),
    guide(app),
    group(app),
    privateChat(app),
    unknownCommand(app),
  );

  // Errors outside the scheduler (there should be none) are still counted and logged.
  bot.catch((e, ctx) => {
    stats.errors++;
    log.error(`update ${ctx.update.update_id} failed: ${(e as Error)?.message ?? String(e)}`);
  });

  return { bot, scheduler, stats, state };
}
