// The terminal chat: the same answer pipeline as the bot, for a person at a keyboard (or a pipe).
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { citation, MESSAGES } from '../present/messages.js';
import { formatTerminal } from '../present/terminal.js';
import type { Engine } from '../search/engine.js';

export async function terminalChat(engine: Engine, config: Config): Promise<void> {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const out = (s: string) => process.stdout.write(s + '\n');
  if (tty) {
    out(`输入问题并回车（/sources 查看报道列表，/quit 或 Ctrl-D 退出）。Type a question (/sources, /quit).`);
    if (engine.mode === 'lexical') out(MESSAGES.zh.modeLexical);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty, crlfDelay: Infinity });
  rl.setPrompt('问> ');
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/sources') {
      const list = engine.sources();
      out(MESSAGES.zh.sourcesTitle(list.length));
      for (const m of list) out(`• ${citation({ ...m, section: '' }, 'zh')}`);
    } else if (line) {
      if (line.length > config.QUESTION_MAX_CHARS) out(MESSAGES.zh.tooLong(config.QUESTION_MAX_CHARS));
      else out(formatTerminal(await engine.ask(line, { k: config.SEARCH_TOP_K }), tty));
    }
    out('');
    if (tty) rl.prompt();
  }
  rl.close();
}
