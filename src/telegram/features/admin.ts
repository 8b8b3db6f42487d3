// Admin commands: /stats (service counters and readers' feedback) and /reload (re-index corpus/).
// For everyone else these commands do not exist.
import { Composer, type Context } from 'telegraf';
import { statsReport } from '../../present/messages.js';
import { escapeHtml } from '../../present/telegram.js';
import type { App } from '../app.js';

export function admin(app: App, backlog: () => number): Composer<Context> {
  const c = new Composer<Context>();
  c.command('stats', async (ctx, next) => {
    if (!app.isAdmin(ctx)) return next();
    const e = app.engine();
    const s = app.stats;
    const f = app.state.counts();
    await app.send(
      ctx.chat.id,
      escapeHtml(
        statsReport({
          upMinutes: Math.round((Date.now() - s.startedAt) / 60000),
          mode: e.mode,
          model: e.model,
          articles: e.sources().length,
          passages: e.chunkCount,
          questions: s.questions,
          answered: s.answered,
          notCovered: s.notCovered,
          errors: s.errors,
          backlog: backlog(),
          up: f.up,
          down: f.down,
          kept: f.answers,
          added: f.added,
        }),
      ),
    );
  });
  c.command('reload', async (ctx, next) => {
    if (!app.isAdmin(ctx) || !app.reload) return next();
    await app.send(ctx.chat.id, escapeHtml(await app.reload()));
  });
  return c;
}
