// /start, /help and /sources in every chat; a one-line hint for commands the bot does not know.
import { Composer, type Context } from 'telegraf';
import { GUIDE, MESSAGES } from '../../present/messages.js';
import { escapeHtml, renderSources } from '../../present/telegram.js';
import type { App } from '../app.js';

export function guide(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.start(async (ctx) => {
    const lang = app.lang(ctx);
    const engine = app.engine();
    const sources = engine.sources();
    const dates = sources.map((s) => s.date).filter(Boolean).sort();
    const intro = GUIDE[lang].start({
      articles: sources.length,
      span: dates.length ? `${dates[0]} – ${dates[dates.length - 1]}` : '',
      examples: app.config.EXAMPLE_QUESTIONS.map((q) => `• <code>${escapeHtml(q)}</code>`),
      username: ctx.botInfo.username,
    });
    await app.send(ctx.chat.id, intro + (engine.mode === 'lexical' ? `\n\n<i>${escapeHtml(MESSAGES[lang].modeLexical)}</i>` : ''));
  });
  c.help((ctx) => app.send(ctx.chat.id, GUIDE[app.lang(ctx)].help(ctx.botInfo.username)).then(() => undefined));
  c.command('sources', async (ctx) => {
    for (const html of renderSources(app.engine().sources(), app.lang(ctx))) await app.send(ctx.chat.id, html);
  });
  return c;
}

/** Last in the chain: a command nobody handled. In groups only commands addressed to this bot. */
export function unknownCommand(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.on('text', async (ctx, next) => {
    const m = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(ctx.message.text);
    if (!m) return next();
    const addressed = m[1] ? m[1].toLowerCase() === ctx.botInfo.username.toLowerCase() : ctx.chat.type === 'private';
    if (!addressed) return;
    await app.send(ctx.chat.id, escapeHtml(MESSAGES[app.lang(ctx)].unknownCommand), { replyTo: ctx.message.message_id });
  });
  return c;
}
