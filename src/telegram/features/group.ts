// /ask in any chat (in groups with privacy mode on it is the dependable way to ask), and messages in
// groups that are addressed to the bot: mentions and replies to its own messages.
import { Composer, type Context } from 'telegraf';
import { MESSAGES } from '../../present/messages.js';
import { escapeHtml } from '../../present/telegram.js';
import type { App } from '../app.js';
import { askArgument, questionIn } from '../questions.js';
import { ask } from './conversation.js';

export function group(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.command('ask', async (ctx) => {
    const question = askArgument(ctx.message);
    if (!question) {
      await app.send(ctx.chat.id, escapeHtml(MESSAGES[app.lang(ctx)].empty), { replyTo: ctx.message.message_id });
      return;
    }
    await ask(app, ctx, question, ctx.message);
  });
  c.on(['text', 'photo', 'document', 'video'], async (ctx, next) => {
    if (ctx.chat.type === 'private') return next();
    const q = questionIn(ctx.message, ctx.chat.type, { id: ctx.botInfo.id, username: ctx.botInfo.username });
    if (!q) return next();
    await ask(app, ctx, q.text, ctx.message);
  });
  return c;
}
