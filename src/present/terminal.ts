// Answers for a person at a terminal: the answering sentence first, then each quote with its source.
import type { Answer } from '../search/answer.js';
import { MESSAGES, citation, langOfText, notAnsweredText } from './messages.js';

const style = (on: boolean) => ({
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  mark: (s: string) => (on ? `\x1b[1;33m${s}\x1b[0m` : `【${s}】`),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
});

export function formatTerminal(answer: Answer, colors: boolean): string {
  const lang = langOfText(answer.question);
  const st = style(colors);
  if (!answer.answered) return notAnsweredText(answer.reason, lang);
  const lines: string[] = [];
  const top = answer.results[0]!;
  lines.push(`${st.bold(MESSAGES[lang].answerLead)} ${top.text.slice(top.highlight.start, top.highlight.end)}`, '');
  answer.results.forEach((p, i) => {
    const { start, end } = p.highlight;
    const quoted = p.text.slice(0, start) + st.mark(p.text.slice(start, end)) + p.text.slice(end);
    lines.push(`[${i + 1}] ${quoted.replace(/\n\n/g, '\n    ')}`);
    lines.push(st.dim(`    —— ${citation(p.source, lang)}`), '');
  });
  return lines.join('\n').trimEnd();
}
