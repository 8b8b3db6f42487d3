// What every feature module of the bot shares: settings, the API client (with retries), the engine,
// the persistent state, counters, and the one way an answer is rendered, sent and remembered.
import type { Context, Telegram } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Config } from '../config.js';
import { MESSAGES, uiLang, type Lang } from '../present/messages.js';
import { TELEGRAM_TEXT_LIMIT, copyCitation, escapeHtml, renderAnswer, visibleLength, type RenderedAnswer } from '../present/telegram.js';
import type { Engine } from '../search/engine.js';
import { sendHtml } from './send.js';
import type { BotState } from './state.js';

export interface BotStats {
  startedAt: number;
  questions: number;
  answered: number;
  notCovered: number;
  errors: number;
}

/**
 * Inline buttons including kinds newer than telegraf's Bot API 7.1 types (copy_text is 7.11). They go
 * out as plain JSON in reply_markup, which is all the Bot API needs; `toMarkup` is the one cast.
 */
export type Button =
  | { text: string; callback_data: string }
  | { text: string; url: string }
  | { text: string; copy_text: { text: string } };
export type Keyboard = Button[][];

export function toMarkup(rows: Keyboard): InlineKeyboardMarkup | undefined {
  return rows.length ? ({ inline_keyboard: rows } as unknown as InlineKeyboardMarkup) : undefined;
}

export interface App {
  config: Config;
  api: Telegram;
  engine: () => Engine;
  reload?: (() => Promise<string>) | undefined;
  state: BotState;
  stats: BotStats;
  lang(ctx: Context): Lang;
  isAdmin(ctx: Context): boolean;
  /** Sends HTML with optional buttons; returns the message id (undefined: delivered, but Telegram's answer was lost). */
  send(chatId: number, html: string, opts?: { replyTo?: number | undefined; keyboard?: Keyboard }): Promise<number | undefined>;
  /** Answers `question` in the chat of `ctx` as a reply to `replyTo`; `shownAs` notes a completed follow-up. */
  answer(ctx: Context, question: string, replyTo: number | undefined, shownAs?: string): Promise<void>;
  /** The buttons under one page of an answer. */
  answerKeyboard(page: RenderedAnswer, key: string | undefined, offset: number, lang: Lang): Keyboard;
}

export function createApp(base: Omit<App, 'lang' | 'isAdmin' | 'send' | 'answer' | 'answerKeyboard'>): App {
  const { config, api, state, stats } = base;
  const k = config.SEARCH_TOP_K;
  const app: App = {
    ...base,
    lang: (ctx) => uiLang(ctx.from?.language_code),
    isAdmin: (ctx) => ctx.from !== undefined && config.ADMIN_USER_IDS.has(ctx.from.id),

    async send(chatId, html, opts = {}) {
      const markup = opts.keyboard ? toMarkup(opts.keyboard) : undefined;
      const sent = await sendHtml(api, chatId, html, { replyTo: opts.replyTo, markup });
      return sent?.message_id;
    },

    answerKeyboard(page, key, offset, lang) {
      const m = MESSAGES[lang];
      const rows: Keyboard = [];
      if (page.passages.length) {
        rows.push(page.passages.map((p, i) => ({ text: `${m.context} ${offset + i + 1}`, callback_data: `c:${p.chunkId}` })));
        rows.push(page.passages.map((p, i) => ({ text: `${m.copy} ${offset + i + 1}`, copy_text: { text: copyCitation(p, lang) } })));
      }
      if (key && page.hasClosest) rows.push([{ text: m.closestButton, callback_data: `x:${key}` }]);
      const nav: Button[] = [];
      if (key && offset > 0) nav.push({ text: '‹', callback_data: `m:${key}:${Math.max(0, offset - k)}` });
      if (key && page.hasMore) nav.push({ text: `${m.more} ›`, callback_data: `m:${key}:${offset + k}` });
      if (nav.length) rows.push(nav);
      if (key && offset === 0 && (page.passages.length || page.hasClosest)) {
        rows.push([
          { text: m.voteUp, callback_data: `f:${key}:u` },
          { text: m.voteDown, callback_data: `f:${key}:d` },
        ]);
      }
      return rows;
    },

    async answer(ctx, question, replyTo, shownAs) {
      const chatId = ctx.chat!.id;
      const lang = app.lang(ctx);
      if (question.length > config.QUESTION_MAX_CHARS) {
        await app.send(chatId, escapeHtml(MESSAGES[lang].tooLong(config.QUESTION_MAX_CHARS)), { replyTo });
        return;
      }
      void api.sendChatAction(chatId, 'typing').catch(() => undefined);
      stats.questions++;
      const result = await base.engine().ask(question, { k });
      if (result.answered) stats.answered++;
      else if (result.status === 'not-covered') stats.notCovered++;
      const page = renderAnswer(result, lang);
      // Remembered (in SQLite) so that buttons and follow-up replies work after a restart.
      const key =
        result.status === 'empty'
          ? undefined
          : state.saveAnswer({ question, lang, chatType: ctx.chat!.type, chunkIds: result.results.map((p) => p.chunkId) });
      const keyboard = app.answerKeyboard(page, key, 0, lang);
      const note = shownAs ? `<i>${escapeHtml(MESSAGES[lang].followup(shownAs))}</i>` : '';
      const messages = [...page.messages];
      if (note) {
        // The completed question heads the answer (on its own message if the first one is full).
        if (visibleLength(`${note}\n\n${messages[0]}`) <= TELEGRAM_TEXT_LIMIT) messages[0] = `${note}\n\n${messages[0]}`;
        else messages.unshift(note);
      }
      for (const [i, html] of messages.entries()) {
        const last = i === messages.length - 1;
        const id = await app.send(chatId, html, {
          replyTo: i === 0 ? replyTo : undefined,
          ...(last ? { keyboard } : {}),
        });
        if (key && id !== undefined) state.linkMessage(chatId, id, key);
      }
    },
  };
  return app;
}
