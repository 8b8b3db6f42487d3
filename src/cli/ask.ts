// `npm run -s ask -- [--json] [--k N] [--stdin] "问题"` — answers from the command line.
//   plain: the answer as a person reads it; --json: one JSON object; --stdin: one question per input
//   line, one JSON object (or answer) per output line, with the model and index loaded once.
import { parseArgs } from 'node:util';
import { prepare } from '../boot.js';
import { AppError } from '../errors.js';
import { MESSAGES, langOfText } from '../present/messages.js';
import { toJson } from '../present/json.js';
import { formatTerminal } from '../present/terminal.js';
import { log } from '../log.js';
import { main, setup } from './run.js';

const USAGE = 'usage: npm run -s ask -- [--json] [--k N] "问题"   or   npm run -s ask -- --json --stdin < questions.txt';

main(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        k: { type: 'string' },
      },
    });
  } catch (err) {
    throw new AppError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const config = setup();
  const k = values.k === undefined ? config.SEARCH_TOP_K : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new AppError('--k must be a whole number from 1 to 50');
  const question = positionals.join(' ');
  if (!values.stdin && !question.trim()) {
    log.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { engine } = await prepare(config, { quiet: values.json });
  const answerOne = async (q: string): Promise<string> => {
    if (q.trim().length > config.QUESTION_MAX_CHARS) {
      // Said, not cut short: the end of a long question may be what it asks.
      const message = MESSAGES[langOfText(q)].tooLong(config.QUESTION_MAX_CHARS);
      if (!values.json) return message;
      const head = q.trim().slice(0, 100) + '…';
      return JSON.stringify({ question: head, answered: false, status: 'too-long', reason: 'too-long', mode: engine.mode, confidence: 0, results: [] });
    }
    const answer = await engine.ask(q, { k });
    return values.json ? JSON.stringify(toJson(answer)) : formatTerminal(answer, process.stdout.isTTY === true);
  };
  if (!values.stdin) {
    process.stdout.write((await answerOne(question)) + '\n');
    return;
  }
  const { createInterface } = await import('node:readline');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    process.stdout.write((await answerOne(line)) + '\n');
  }
});
