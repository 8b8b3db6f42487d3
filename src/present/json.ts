// The CLI's JSON contract (other tools depend on it): one object per question.
import type { Answer, Passage, PassageKind } from '../search/answer.js';

export interface JsonAnswer {
  question: string;
  answered: boolean;
  /** answered | caveat | not-covered | empty | too-long (the CLI: longer than QUESTION_MAX_CHARS, not asked) */
  status: string;
  reason?: string;
  mode: string;
  /** 0–1: how sure the engine is that the first result answers. */
  confidence: number;
  /** Keyword translation used for a question in another language. */
  translatedTerms?: string[];
  results: JsonPassage[];
  /** Not covered: the nearest passages anyway. */
  closest?: JsonPassage[];
  /** Not covered: names the question gives that the coverage never mentions. */
  absent?: string[];
}

export interface JsonPassage {
    text: string;
    score: number;
    highlight: string;
    kind: PassageKind;
    /** `title` is the passage's own story; `page` the page's title when that differs (a page of several stories). */
    source: { file: string; title: string; paper: string; date: string; section: string; url?: string; page?: string };
}

export function toJson(a: Answer): JsonAnswer {
  return {
    question: a.question,
    answered: a.answered,
    status: a.status,
    ...(a.reason ? { reason: a.reason } : {}),
    mode: a.mode,
    confidence: a.confidence,
    ...(a.translatedTerms ? { translatedTerms: a.translatedTerms } : {}),
    results: a.results.map(passageJson),
    ...(a.closest ? { closest: a.closest.map(passageJson) } : {}),
    ...(a.absent ? { absent: a.absent } : {}),
  };
}

function passageJson(p: Passage): JsonPassage {
  return { text: p.text, score: p.score, highlight: p.text.slice(p.highlight.start, p.highlight.end), kind: p.kind, source: p.source };
}
