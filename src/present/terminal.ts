// Answers for a person at a terminal: the answering sentence first, then each quote with its source
// (and the article's address when known).
import type { Answer, Passage } from '../search/answer.js';
import { MESSAGES, citation, langOfText, notAnsweredText, type Lang } from './messages.js';
import { safeUrl } from './telegram.js';

const style = (on: boolean) => ({
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  mark: (s: string) => (on ? `\x1b[1;33m${s}\x1b[0m` : `【${s}】`),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
});

function passageLines(p: Passage, i: number, lang: Lang, colors: boolean): string[] {
  const st = style(colors);
  const { start, end } = p.highlight;
  const quoted = p.text.slice(0, start) + st.mark(p.text.slice(start, end)) + p.text.slice(end);
  const kind = p.kind === 'text' ? '' : `${MESSAGES[lang][p.kind]} · `;
  const lines = [`[${i + 1}] ${quoted.replace(/\n\n/g, '\n    ')}`, st.dim(`    —— ${kind}${citation(p.source, lang)}`)];
  const url = safeUrl(p.source.url);
  if (url) lines.push(st.dim(`       ${url}`));
  lines.push('');
  return lines;
}

export function formatTerminal(answer: Answer, colors: boolean): string {
  const lang = langOfText(answer.question);
  const m = MESSAGES[lang];
  const st = style(colors);
  const lines: string[] = [];
  if (answer.translatedTerms?.length) lines.push(st.dim(MESSAGES.en.translated(answer.translatedTerms)));
  if (!answer.answered || answer.results.length === 0) {
    lines.push(notAnsweredText(answer.reason, lang, answer.absent));
    if (answer.status === 'not-covered' && answer.closest?.length) {
      lines.push('', st.bold(m.closestLead), '');
      answer.closest.forEach((p, i) => lines.push(...passageLines(p, i, lang, colors)));
    }
    return lines.join('\n').trimEnd();
  }
  const top = answer.results[0]!;
  if (answer.status === 'caveat') lines.push(st.bold(m.possiblyRelevant), '');
  else lines.push(`${st.bold(m.answerLead)} ${top.text.slice(top.highlight.start, top.highlight.end)}`, '');
  answer.results.forEach((p, i) => lines.push(...passageLines(p, i, lang, colors)));
  return lines.join('\n').trimEnd();
}
