// Sending HTML messages the same way everywhere: link previews off, reply to the question when there
// is one (still sent if that message is gone). Should Telegram ever reject the HTML, the text goes out
// again without formatting rather than not at all. A send that may already have reached the chat is not
// sent again (see retry.ts): it is logged and counts as sent.
import type { Telegram } from 'telegraf';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { log } from '../log.js';
import { DeliveryUncertainError } from './retry.js';

export interface SendOptions {
  replyTo?: number | undefined;
  markup?: InlineKeyboardMarkup | undefined;
}

function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The message sent, or undefined when Telegram's answer was lost (the message may or may not be there). */
export async function sendHtml(
  telegram: Telegram,
  chatId: number,
  html: string,
  opts: SendOptions = {},
): Promise<Message.TextMessage | undefined> {
  const extra = {
    link_preview_options: { is_disabled: true },
    ...(opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}),
    ...(opts.markup ? { reply_markup: opts.markup } : {}),
  };
  try {
    try {
      return await telegram.sendMessage(chatId, html, { parse_mode: 'HTML', ...extra });
    } catch (e) {
      if (!/can't parse entities/i.test((e as Error).message)) throw e;
      return await telegram.sendMessage(chatId, plain(html), extra);
    }
  } catch (e) {
    if (!(e instanceof DeliveryUncertainError)) throw e;
    log.warn(`chat ${chatId}: ${e.message}`);
    return undefined;
  }
}
