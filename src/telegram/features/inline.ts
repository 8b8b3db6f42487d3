// Inline mode: "@bot keywords" in any chat offers quotes with their citation. Each result's title is
// its story and date and its description the answering sentence, so results differ at a glance.
import { Composer, type Context } from 'telegraf';
import type { InlineQueryResultArticle } from 'telegraf/types';
import { MESSAGES } from '../../present/messages.js';
import { inlineArticle } from '../../present/telegram.js';
import type { App } from '../app.js';

const INLINE_PAGE = 10;

export function inline(app: App): Composer<Context> {
  const c = new Composer<Context>();
  c.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const lang = app.lang(ctx);
    const offset = Number(ctx.inlineQuery.offset) || 0;
    const result = query ? await app.engine().ask(query.slice(0, app.config.QUESTION_MAX_CHARS), { k: INLINE_PAGE, offset }) : undefined;
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
    await app.api.answerInlineQuery(ctx.inlineQuery.id, items, {
      cache_time: 60,
      next_offset: more ? String(offset + items.length) : '',
      ...(items.length === 0 && offset === 0
        ? { button: { text: query ? MESSAGES[lang].inlineNothing : MESSAGES[lang].inlineHint, start_parameter: 'inline' } }
        : {}),
    });
  });
  return c;
}
