// The CLI's JSON contract (other tools depend on it): one object per question.
import type { Answer } from '../search/answer.js';

export interface JsonAnswer {
  question: string;
  answered: boolean;
  reason?: string;
  mode: string;
  results: {
    text: string;
    score: number;
    highlight: string;
    source: { file: string; title: string; paper: string; date: string; section: string; url?: string };
  }[];
}

export function toJson(a: Answer): JsonAnswer {
  return {
    question: a.question,
    answered: a.answered,
    ...(a.reason ? { reason: a.reason } : {}),
    mode: a.mode,
    results: a.results.map((p) => ({
      text: p.text,
      score: p.score,
      highlight: p.text.slice(p.highlight.start, p.highlight.end),
      source: p.source,
    })),
  };
}
