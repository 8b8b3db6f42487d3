// Private chats: any text is a question, and so is the caption of a photo or a document; anything
// else (stickers, voice, a photo without a caption) gets a line saying what the bot can do.
import { Composer, type Context } from 'telegraf';
import { MESSAGES } from '../../present/messages.js';
import { escapeHtml } from '../../present/telegram.js';
import type { App } from '../app.js';
import { questionIn } from '../questions.js';
import { ask } from './conversation.js';

export function privateChat(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.on('message', async (ctx, next) => {
    if (ctx.chat.type !== 'private') return next();
    const q = questionIn(ctx.message, 'private', { id: ctx.botInfo.id, username: ctx.botInfo.username });
    if (q) return ask(app, ctx, q.text, ctx.message);
    if ('text' in ctx.message && ctx.message.text.startsWith('/')) return next(); // unknown command
    await app.send(ctx.chat.id, escapeHtml(MESSAGES[app.lang(ctx)].notText), { replyTo: ctx.message.message_id });
  });
  return c;
}
