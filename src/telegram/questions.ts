// Which messages are questions for the bot, and what the question is. Pure functions of the message,
// so the group rules (privacy mode on) are easy to see and to test:
//   private chat: any text (or a photo's/document's caption);  group: /ask …, /ask@bot …, /ask as a reply (asks about the replied text),
//   a message mentioning @bot, a reply to one of the bot's own messages. Other chatter is ignored.
import type { Message } from 'telegraf/types';

export type Trigger = 'private' | 'command' | 'mention' | 'reply-to-bot';

export interface Question {
  text: string;
  trigger: Trigger;
}

export interface BotIdentity {
  id: number;
  username: string;
}

type AnyMessage = Message & {
  text?: string;
  caption?: string;
  entities?: Message.TextMessage['entities'];
  caption_entities?: Message.TextMessage['entities'];
  reply_to_message?: Message;
};

function textOf(m: AnyMessage | undefined): string {
  return (m?.text ?? m?.caption ?? '').trim();
}

/** The text after `/ask` or `/ask@bot` (the command word itself removed). */
export function commandArgument(text: string): string {
  return text.replace(/^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/, '').trim();
}

/**
 * The question in a message, or undefined when the message is not addressed to the bot.
 * `/ask` handling is done by the command handler through `askArgument`; this covers everything else.
 */
export function questionIn(message: Message, chatType: string, bot: BotIdentity): Question | undefined {
  const m = message as AnyMessage;
  // A caption is a question like a text (a photo of a headline with "这是哪天的报道？").
  const text = m.text ?? m.caption;
  if (text === undefined) return undefined;
  if (chatType === 'private') return text.startsWith('/') ? undefined : { text, trigger: 'private' };

  const mention = `@${bot.username}`.toLowerCase();
  const mentions = (m.entities ?? m.caption_entities ?? []).filter(
    (e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention,
  );
  if (mentions.length > 0) {
    // Remove every mention of the bot (right to left, so offsets stay valid).
    let rest = text;
    for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) rest = rest.slice(0, e.offset) + rest.slice(e.offset + e.length);
    const q = rest.replace(/\s+/g, ' ').trim();
    // "@bot" alone as a reply asks about the replied message.
    return { text: q || textOf(m.reply_to_message as AnyMessage), trigger: 'mention' };
  }
  if (m.reply_to_message?.from?.id === bot.id && !text.startsWith('/')) return { text, trigger: 'reply-to-bot' };
  return undefined;
}

/** The question of an `/ask` command: its argument, or else the text of the message it replies to. */
export function askArgument(message: Message): string {
  const m = message as AnyMessage;
  const arg = commandArgument(m.text ?? '');
  if (arg) return arg;
  const replied = m.reply_to_message as AnyMessage | undefined;
  return textOf(replied);
}
