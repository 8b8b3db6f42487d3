// Question sets: JSON lines of { id, lang, kind, question, doc, docs?, evidence[], class? }. A passage is a
// hit when it comes from one of the answering files and contains one of the evidence strings verbatim.
// See test/eval/README.md for the format and the brief the blind sets were written from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { splitOf, type Split } from './split.js';

export const KINDS = [
  'fact', 'number', 'date', 'post', 'entity', 'quote', 'paraphrase', 'colloquial', 'keyword', 'traditional', 'typo',
  'heading', 'caption', 'multi', 'unanswerable',
  // The brief's kind for a question in English (lang "en"), whatever it asks; earlier sets used the kind
  // of the answer instead.
  'english',
] as const;
export const NEAR_MISS_CLASSES = ['post', 'metric', 'period', 'direction', 'entity', 'offtopic'] as const;

const itemSchema = z.object({
  id: z.string(),
  lang: z.enum(['zh', 'en']),
  kind: z.enum(KINDS),
  question: z.string().min(1),
  doc: z.string().nullable(),
  docs: z.array(z.string()).optional(),
  evidence: z.array(z.string()),
  class: z.enum(NEAR_MISS_CLASSES).nullable().optional(),
});

export type EvalItem = z.infer<typeof itemSchema> & { set: string; split: Split };

/** Sets that were tuned on before the blind sets existed: always in tune. */
const TUNED_SETS = /^qa-(dev|extra)\.jsonl$/;

export function readQuestionSet(file: string): EvalItem[] {
  const set = path.basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const parsed = itemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return { ...parsed.data, set, split: splitOf(parsed.data.id, TUNED_SETS.test(set)) };
    });
}

export const answerable = (item: EvalItem): boolean => item.kind !== 'unanswerable';

/** Written blind (from corpus/ only), not by someone who knew the code. */
export const isBlind = (item: EvalItem): boolean => !TUNED_SETS.test(item.set);

/** Files whose passages can answer the question. */
export function answeringFiles(item: EvalItem): string[] {
  return item.docs?.length ? item.docs : item.doc ? [item.doc] : [];
}

export function isHit(item: EvalItem, passage: { text: string; file: string }): boolean {
  return answeringFiles(item).includes(passage.file) && item.evidence.some((e) => passage.text.includes(e));
}
