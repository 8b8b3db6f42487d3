// Admin commands: /stats (service counters and readers' feedback) and /reload (re-index corpus/).
// For everyone else these commands do not exist.
import { Composer, type Context } from 'telegraf';
import { escapeHtml } from '../../present/telegram.js';
import type { App } from '../app.js';

export function admin(app: App, backlog: () => number): Composer<Context> {
  const c = new Composer<Context>();
  c.command('stats', async (ctx, next) => {
    if (!app.isAdmin(ctx)) return next();
    const e = app.engine();
    const s = app.stats;
    const f = app.state.counts();
    const up = Math.round((Date.now() - s.startedAt) / 60000);
    await app.send(
      ctx.chat.id,
      escapeHtml(
        `up ${up} min · mode ${e.mode}${e.model ? ` (${e.model})` : ''} · ${e.sources().length} articles, ${e.chunkCount} passages\n` +
          `questions ${s.questions} · answered ${s.answered} · not covered ${s.notCovered} · errors ${s.errors} · backlog ${backlog()}\n` +
          `feedback 👍 ${f.up} · 👎 ${f.down} (of ${f.answers} answers kept) · added from the chat ${f.added}`,
      ),
    );
  });
  c.command('reload', async (ctx, next) => {
    if (!app.isAdmin(ctx) || !app.reload) return next();
    await app.send(ctx.chat.id, escapeHtml(await app.reload()));
  });
  return c;
}
