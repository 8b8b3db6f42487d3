// Questions from messages, in any chat: a reply to one of the bot's answers is a follow-up, completed
// from the question it replies to when it is elliptical ("那江津呢？" after "永川区委书记是谁？").
import type { Context } from 'telegraf';
import type { Message } from 'telegraf/types';
import { completeFollowUp } from '../../search/followup.js';
import type { App } from '../app.js';

/** Answers `text`, completing it first if it is a follow-up to one of the bot's answers. */
export async function ask(app: App, ctx: Context, text: string, message: Message): Promise<void> {
  const replied = (message as { reply_to_message?: Message }).reply_to_message;
  const previous = replied && ctx.chat && replied.from?.id === ctx.botInfo.id ? app.state.answerOfMessage(ctx.chat.id, replied.message_id) : undefined;
  const question = previous ? completeFollowUp(previous.question, text) : text;
  await app.answer(ctx, question, message.message_id, question !== text ? question : undefined);
}
