// The terminal chat: the same answer pipeline as the bot, for a person at a keyboard (or a pipe). It
// knows the bot's /start, /help, /sources and /ask, and treats an elliptical question ("那江津呢？") as a
// follow-up of the previous one.
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { GUIDE, MESSAGES, citation, langOfText, uiLang, type Lang } from '../present/messages.js';
import { formatTerminal } from '../present/terminal.js';
import { completeFollowUp } from '../search/followup.js';
import type { Engine } from '../search/engine.js';

/** What the terminal says to a command line, or undefined when the line is a question. */
export function terminalCommand(line: string, engine: Engine, config: Config, lang: Lang): string | undefined {
  const command = /^\/([A-Za-z0-9_]+)(?:@\w+)?\s*$/.exec(line)?.[1]?.toLowerCase();
  if (!line.startsWith('/')) return undefined;
  if (command === 'help') return GUIDE[lang].terminal;
  if (command === 'start') {
    const sources = engine.sources();
    const dates = sources.map((s) => s.date).filter(Boolean).sort();
    const span = dates.length ? `${dates[0]} – ${dates[dates.length - 1]}` : '';
    return `${GUIDE[lang].terminalStart(sources.length, span, config.EXAMPLE_QUESTIONS)}\n\n${GUIDE[lang].terminal}`;
  }
  if (command === 'sources') {
    const list = engine.sources();
    return [MESSAGES[lang].sourcesTitle(list.length), ...list.map((m) => `• ${citation({ ...m, section: '' }, lang)}`)].join('\n');
  }
  // A bare /ask asks nothing; the editors' and operators' commands act on the bot in Telegram.
  if (command === 'ask') return MESSAGES[lang].askWhat(config.EXAMPLE_QUESTIONS[0] ?? '');
  if (command && TELEGRAM_ONLY.has(command)) return MESSAGES[lang].telegramOnly(command);
  return MESSAGES[lang].unknownCommand;
}

/** The bot's commands for editors and operators (src/telegram/features): not the terminal's. */
const TELEGRAM_ONLY = new Set(['add', 'remove', 'stats', 'reload']);

export async function terminalChat(engine: Engine, config: Config): Promise<void> {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const lang = uiLang(process.env.LANG);
  const out = (s: string) => process.stdout.write(s + '\n');
  if (tty) {
    out(GUIDE[lang].terminal);
    if (engine.mode === 'lexical') out(MESSAGES[lang].modeLexical);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty, crlfDelay: Infinity });
  rl.setPrompt('问> ');
  if (tty) rl.prompt();
  let previous = '';
  for await (const raw of rl) {
    // "/ask 问题", as in a group chat, is the question itself.
    const line = raw.trim().replace(/^\/ask(?:@\w+)?\s+(?=\S)/i, '');
    if (line === '/quit' || line === '/exit') break;
    const reply = line ? terminalCommand(line, engine, config, lang) : undefined;
    if (reply !== undefined) out(reply);
    else if (line) {
      // Said in the question's language, like the answer that follows.
      const asked = langOfText(line);
      if (line.length > config.QUESTION_MAX_CHARS) out(MESSAGES[asked].tooLong(config.QUESTION_MAX_CHARS));
      else {
        const question = previous ? completeFollowUp(previous, line) : line;
        if (question !== line) out(MESSAGES[asked].followup(question));
        out(formatTerminal(await engine.ask(question, { k: config.SEARCH_TOP_K }), tty));
        previous = question;
      }
    }
    out('');
    if (tty) rl.prompt();
  }
  rl.close();
}
