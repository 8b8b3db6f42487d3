// Buttons under answers: "full paragraph" (c:<chunk>), pages (m:<answer>:<offset>), the closest
// passages of a question the coverage does not answer (x:<answer>). The answer behind a key is read
// from the bot's SQLite state, so buttons keep working after a restart. Every callback is answered
// (or the user's client shows a spinner), unknown ones with "expired".
import { Composer, type Context, type Telegram } from 'telegraf';
import type { Message } from 'telegraf/types';
import { MESSAGES } from '../../present/messages.js';
import { renderAnswer, renderClosest, renderContext } from '../../present/telegram.js';
import { toMarkup, type App } from '../app.js';

type Handler = (ctx: Context, match: RegExpExecArray, message: Message) => Promise<string | undefined>;

/** Runs `handler` for callback data matching `pattern` and always answers the callback query (through `api`, the client with retries). */
export function button(api: Telegram, pattern: RegExp, handler: Handler): Composer<Context> {
  const c = new Composer<Context>();
  c.on('callback_query', async (ctx, next) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const match = pattern.exec(data);
    const message = ctx.callbackQuery.message as Message | undefined;
    if (!match || !message) return next();
    let notice: string | undefined;
    try {
      notice = await handler(ctx, match, message);
    } finally {
      await api.answerCbQuery(ctx.callbackQuery.id, notice).catch(() => undefined);
    }
  });
  return c;
}

export function callbacks(app: App): Composer<Context> {
  const k = app.config.SEARCH_TOP_K;
  return new Composer<Context>(
    button(app.api, /^c:(\d+)$/, async (ctx, match, message) => {
      const context = app.engine().context(Number(match[1]));
      if (!context) return MESSAGES[app.lang(ctx)].expired;
      for (const html of renderContext(context, app.lang(ctx))) await app.send(message.chat.id, html, { replyTo: message.message_id });
      return undefined;
    }),
    button(app.api, /^m:([\w-]+):(\d+)$/, async (ctx, match, message) => {
      const state = app.state.answer(match[1]!);
      if (!state) return MESSAGES[app.lang(ctx)].expired;
      const offset = Number(match[2]);
      const result = await app.engine().ask(state.question, { k, offset });
      const page = renderAnswer(result, state.lang, offset);
      const markup = toMarkup(app.answerKeyboard(page, state.key, offset, state.lang));
      await app.api
        .editMessageText(message.chat.id, message.message_id, undefined, page.messages[0]!, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(markup ? { reply_markup: markup } : {}),
        })
        .catch((e: Error) => {
          if (!/message is not modified/.test(e.message)) throw e;
        });
      return undefined;
    }),
    button(app.api, /^x:([\w-]+)$/, async (ctx, match, message) => {
      const state = app.state.answer(match[1]!);
      if (!state) return MESSAGES[app.lang(ctx)].expired;
      const result = await app.engine().ask(state.question, { k });
      const page = renderClosest(result, state.lang);
      if (page.passages.length === 0) return MESSAGES[state.lang].noMore;
      for (const [i, html] of page.messages.entries()) {
        const last = i === page.messages.length - 1;
        await app.send(message.chat.id, html, { replyTo: i === 0 ? message.message_id : undefined, ...(last ? { keyboard: app.answerKeyboard(page, undefined, 0, state.lang) } : {}) });
      }
      return undefined;
    }),
  );
}

/** Last among the button handlers: a button this bot no longer knows. */
export function staleButtons(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.on('callback_query', (ctx) => app.api.answerCbQuery(ctx.callbackQuery.id, MESSAGES[app.lang(ctx)].expired).then(() => undefined, () => undefined));
  return c;
}
