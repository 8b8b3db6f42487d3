// The Telegram layer: routes updates to the answer pipeline and sends what src/present renders.
// Private chats: any text is a question. Groups (privacy mode on): /ask, /ask@bot, mentions, replies to
// the bot. Inline mode: quick citations in any chat. Buttons: "full paragraph" and "more results".
import { Telegraf, type Context } from 'telegraf';
import type { InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, Message } from 'telegraf/types';
import type { Config } from '../config.js';
import { log } from '../log.js';
import { MESSAGES, uiLang, type Lang } from '../present/messages.js';
import { escapeHtml, inlineArticle, renderAnswer, renderContext, renderSources } from '../present/telegram.js';
import type { Engine } from '../search/engine.js';
import { PageStore } from './pages.js';
import { askArgument, questionIn } from './questions.js';
import { installRetry } from './retry.js';
import { Scheduler } from './scheduler.js';
import { sendHtml } from './send.js';

export interface BotDeps {
  config: Config;
  /** The engine in use (replaced by /reload after a re-index). */
  engine: () => Engine;
  /** Admin /reload: re-index corpus/ and swap the engine; resolves to a summary line. */
  reload?: () => Promise<string>;
}

export interface BotStats {
  startedAt: number;
  questions: number;
  answered: number;
  notCovered: number;
  errors: number;
}

const INLINE_PAGE = 10;

export function createBot(deps: BotDeps): { bot: Telegraf; scheduler: Scheduler; stats: BotStats } {
  const { config } = deps;
  const bot = new Telegraf(config.TELEGRAM_BOT_TOKEN!, {
    telegram: { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false },
    handlerTimeout: 30_000,
  });
  installRetry(bot.telegram);
  const stats: BotStats = { startedAt: Date.now(), questions: 0, answered: 0, notCovered: 0, errors: 0 };
  const pages = new PageStore();
  const scheduler = new Scheduler(config.BOT_CONCURRENCY, config.BOT_CONCURRENCY * 50, (e) => {
    stats.errors++;
    log.error(`handler failed: ${(e as Error)?.message ?? String(e)}`);
  });
  const k = config.SEARCH_TOP_K;
  const langOf = (ctx: Context): Lang => uiLang(ctx.from?.language_code);
  const isAdmin = (ctx: Context) => ctx.from !== undefined && config.ADMIN_USER_IDS.has(ctx.from.id);

  // Every update is handled off the polling loop, in arrival order per chat (see Scheduler). Handlers
  // send through `api`, the bot's own client with retries: telegraf gives each update a fresh client.
  const api = bot.telegram;
  bot.use((ctx, next) => {
    const chat = String(ctx.chat?.id ?? ctx.from?.id ?? 'inline');
    const say = (text: string) =>
      ctx.chat ? sendHtml(api, ctx.chat.id, escapeHtml(text)).then(() => undefined, () => undefined) : Promise.resolve();
    const handle = async () => {
      try {
        await next();
      } catch (e) {
        // The user gets a short apology rather than silence; the details go to the log.
        stats.errors++;
        log.error(`update ${ctx.update.update_id} failed: ${(e as Error)?.message ?? String(e)}`);
        await say(MESSAGES[langOf(ctx)].error);
      }
    };
    if (!scheduler.submit(chat, handle)) void say(MESSAGES[langOf(ctx)].busy);
  });

  // Access control: with allow-lists set, only listed users/chats (and admins) are served.
  const restricted = config.ALLOWED_USER_IDS.size > 0 || config.ALLOWED_CHAT_IDS.size > 0;
  bot.use(async (ctx, next) => {
    if (!restricted || isAdmin(ctx)) return next();
    const allowed =
      (ctx.from !== undefined && config.ALLOWED_USER_IDS.has(ctx.from.id)) ||
      (ctx.chat !== undefined && config.ALLOWED_CHAT_IDS.has(ctx.chat.id));
    if (allowed) return next();
    if (ctx.callbackQuery) await api.answerCbQuery(ctx.callbackQuery.id).catch(() => undefined);
    if (ctx.inlineQuery) await api.answerInlineQuery(ctx.inlineQuery.id, [], { cache_time: 60 }).catch(() => undefined);
    if (ctx.chat?.type === 'private' && ctx.message) await sendHtml(api, ctx.chat.id, 'This bot is private. / 本机器人仅限授权用户使用。').catch(() => undefined);
    log.info(`ignored update from unlisted user ${ctx.from?.id ?? '?'} in chat ${ctx.chat?.id ?? '?'}`);
  });

  const keyboard = (chunkIds: number[], pageKey: string | undefined, offset: number, hasMore: boolean, lang: Lang): InlineKeyboardMarkup | undefined => {
    const rows: InlineKeyboardButton[][] = [];
    if (chunkIds.length) {
      rows.push(chunkIds.map((id, i) => ({ text: `${MESSAGES[lang].context} ${offset + i + 1}`, callback_data: `c:${id}` })));
    }
    const nav: InlineKeyboardButton[] = [];
    if (pageKey && offset > 0) nav.push({ text: '‹', callback_data: `m:${pageKey}:${Math.max(0, offset - k)}` });
    if (pageKey && hasMore) nav.push({ text: `${MESSAGES[lang].more} ›`, callback_data: `m:${pageKey}:${offset + k}` });
    if (nav.length) rows.push(nav);
    return rows.length ? { inline_keyboard: rows } : undefined;
  };

  /** Answers `question` in the chat of `ctx`, as a reply to `replyTo`. */
  const answer = async (ctx: Context, question: string, replyTo: number | undefined) => {
    const chatId = ctx.chat!.id;
    const lang = langOf(ctx);
    if (question.length > config.QUESTION_MAX_CHARS) {
      await sendHtml(api, chatId, escapeHtml(MESSAGES[lang].tooLong(config.QUESTION_MAX_CHARS)), { replyTo });
      return;
    }
    void api.sendChatAction(chatId, 'typing').catch(() => undefined);
    stats.questions++;
    const result = await deps.engine().ask(question, { k });
    if (result.answered) stats.answered++;
    else if (result.reason === 'not-covered') stats.notCovered++;
    const rendered = renderAnswer(result, lang);
    const pageKey = result.answered && rendered.hasMore ? pages.save({ question, lang }) : undefined;
    const markup = keyboard(rendered.chunkIds, pageKey, 0, rendered.hasMore, lang);
    for (const [i, html] of rendered.messages.entries()) {
      const last = i === rendered.messages.length - 1;
      await sendHtml(api, chatId, html, { replyTo: i === 0 ? replyTo : undefined, markup: last ? markup : undefined });
    }
  };

  bot.start(async (ctx) => {
    const lang = langOf(ctx);
    const engine = deps.engine();
    const sources = engine.sources();
    const dates = sources.map((s) => s.date).filter(Boolean).sort();
    const span = dates.length ? `${dates[0]} – ${dates[dates.length - 1]}` : '';
    const examples = config.EXAMPLE_QUESTIONS.map((q) => `• <code>${escapeHtml(q)}</code>`).join('\n');
    const intro =
      lang === 'zh'
        ? `你好！我根据 ${sources.length} 篇新闻报道（${span}）回答问题，并原文引用出处。\n\n直接发问题给我，例如：\n${examples}\n\n在群里用 /ask 问题，或 @${ctx.botInfo.username} 问题；在任意聊天输入 @${ctx.botInfo.username} 关键词 可快速引用报道。/sources 查看报道列表。`
        : `Hello! I answer questions from ${sources.length} news articles (${span}) by quoting the passages, with their sources.\n\nSend me a question, e.g.:\n${examples}\n\nIn groups use /ask question or @${ctx.botInfo.username} question; type @${ctx.botInfo.username} keywords in any chat for a quick citation. /sources lists the articles.`;
    await sendHtml(api, ctx.chat.id, intro + (engine.mode === 'lexical' ? `\n\n<i>${escapeHtml(MESSAGES[lang].modeLexical)}</i>` : ''));
  });

  bot.help(async (ctx) => {
    const u = ctx.botInfo.username;
    const text =
      langOf(ctx) === 'zh'
        ? `<b>用法</b>\n• 私聊：直接发送问题。\n• 群聊：/ask 问题、/ask@${u} 问题、@${u} 问题，或回复我的消息继续问；用 /ask 回复别人的消息，可查询那条消息的内容。\n• 任意聊天：输入 @${u} 关键词，选择一条报道原文插入。\n• 答案下方的按钮：“完整段落”显示上下文，“更多结果”翻页。\n/sources 报道列表`
        : `<b>How to use</b>\n• Private chat: just send a question.\n• Groups: /ask question, /ask@${u} question, @${u} question, or reply to one of my messages; /ask as a reply looks up that message's text.\n• Any chat: type @${u} keywords and pick a passage to insert it with its citation.\n• Buttons under answers: "Full paragraph" shows the context, "More results" pages on.\n/sources lists the articles.`;
    await sendHtml(api, ctx.chat.id, text);
  });

  bot.command('sources', async (ctx) => {
    for (const html of renderSources(deps.engine().sources(), langOf(ctx))) await sendHtml(api, ctx.chat.id, html);
  });

  bot.command('ask', async (ctx) => {
    const question = askArgument(ctx.message);
    if (!question) {
      await sendHtml(api, ctx.chat.id, escapeHtml(MESSAGES[langOf(ctx)].empty), { replyTo: ctx.message.message_id });
      return;
    }
    await answer(ctx, question, ctx.message.message_id);
  });

  bot.command('stats', async (ctx) => {
    if (!isAdmin(ctx)) return;
    const e = deps.engine();
    const up = Math.round((Date.now() - stats.startedAt) / 60000);
    await sendHtml(
      api,
      ctx.chat.id,
      escapeHtml(
        `up ${up} min · mode ${e.mode}${e.model ? ` (${e.model})` : ''} · ${e.sources().length} articles, ${e.chunkCount} passages\n` +
          `questions ${stats.questions} · answered ${stats.answered} · not covered ${stats.notCovered} · errors ${stats.errors} · backlog ${scheduler.backlog}`,
      ),
    );
  });

  bot.command('reload', async (ctx) => {
    if (!isAdmin(ctx) || !deps.reload) return;
    await sendHtml(api, ctx.chat.id, escapeHtml(await deps.reload!()));
  });

  bot.on('text', async (ctx) => {
    const q = questionIn(ctx.message, ctx.chat.type, { id: ctx.botInfo.id, username: ctx.botInfo.username });
    if (!q) return;
    await answer(ctx, q.text, ctx.message.message_id);
  });

  // Stickers, photos, voice …: in a private chat say what the bot can do; in groups stay quiet.
  bot.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    await sendHtml(api, ctx.chat.id, escapeHtml(MESSAGES[langOf(ctx)].notText), { replyTo: ctx.message.message_id });
  });

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const message = ctx.callbackQuery.message as Message | undefined;
    const lang = langOf(ctx);
    let notice: string | undefined;
    try {
      const ctxMatch = /^c:(\d+)$/.exec(data);
      const moreMatch = /^m:([\w-]+):(\d+)$/.exec(data);
      if (ctxMatch && message) {
        const context = deps.engine().context(Number(ctxMatch[1]));
        if (!context) notice = MESSAGES[lang].expired;
        else for (const html of renderContext(context, lang)) await sendHtml(api, message.chat.id, html, { replyTo: message.message_id });
      } else if (moreMatch && message) {
        const state = pages.get(moreMatch[1]!);
        const offset = Number(moreMatch[2]);
        if (!state) notice = MESSAGES[lang].expired;
        else {
          const result = await deps.engine().ask(state.question, { k, offset });
          const page = renderAnswer(result, state.lang, offset);
          const markup = keyboard(page.chunkIds, moreMatch[1], offset, page.hasMore, state.lang);
          await api
            .editMessageText(message.chat.id, message.message_id, undefined, page.messages[0]!, {
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
              ...(markup ? { reply_markup: markup } : {}),
            })
            .catch((e: Error) => {
              if (!/message is not modified/.test(e.message)) throw e;
            });
        }
      } else {
        notice = MESSAGES[lang].expired;
      }
    } finally {
      // Every callback is answered, or the user's client shows a spinner for a while.
      await api.answerCbQuery(ctx.callbackQuery.id, notice).catch(() => undefined);
    }
  });

  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const lang = langOf(ctx);
    const offset = Number(ctx.inlineQuery.offset) || 0;
    const result = query ? await deps.engine().ask(query.slice(0, config.QUESTION_MAX_CHARS), { k: INLINE_PAGE, offset }) : undefined;
    const items: InlineQueryResultArticle[] = (result?.results ?? []).map((p) => {
      const a = inlineArticle(p, lang);
      return {
        type: 'article',
        id: `${p.chunkId}`,
        title: a.title,
        description: a.description,
        input_message_content: { message_text: a.html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
      };
    });
    const more = result !== undefined && offset + items.length < result.total;
    await api.answerInlineQuery(ctx.inlineQuery.id, items, {
      cache_time: 60,
      next_offset: more ? String(offset + items.length) : '',
      ...(items.length === 0 && offset === 0
        ? { button: { text: query ? MESSAGES[lang].inlineNothing : MESSAGES[lang].inlineHint, start_parameter: 'inline' } }
        : {}),
    });
  });

  bot.catch((e, ctx) => {
    stats.errors++;
    log.error(`update ${ctx.update.update_id} failed: ${(e as Error)?.message ?? String(e)}`);
  });

  return { bot, scheduler, stats };
}
