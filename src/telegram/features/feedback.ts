// 👍 / 👎 under each answer (f:<answer>:u|d): stored with the question, the quoted passages, the chat
// type and the time, one vote per reader and answer (a second press changes it).
import type { Composer, Context } from 'telegraf';
import { MESSAGES } from '../../present/messages.js';
import type { App } from '../app.js';
import { button } from './callbacks.js';

export function feedback(app: App): Composer<Context> {
  return button(app.api, /^f:([\w-]+):(u|d)$/, async (ctx, match) => {
    const ok = app.state.vote(match[1]!, ctx.from!.id, match[2] === 'u' ? 1 : -1);
    return ok ? MESSAGES[app.lang(ctx)].thanks : MESSAGES[app.lang(ctx)].expired;
  });
}
