// Question sets: JSON lines of { id, lang, kind, question, doc, evidence[] }. A passage is a hit when
// it comes from `doc` and contains one of the evidence strings verbatim.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const KINDS = ['fact', 'paraphrase', 'entity', 'number', 'multi', 'unanswerable'] as const;

const itemSchema = z.object({
  id: z.string(),
  lang: z.enum(['zh', 'en']),
  kind: z.enum(KINDS),
  question: z.string().min(1),
  doc: z.string().nullable(),
  evidence: z.array(z.string()),
});

export type EvalItem = z.infer<typeof itemSchema>;

export function readQuestionSet(file: string): EvalItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const parsed = itemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export function isHit(item: EvalItem, passage: { text: string; file: string }): boolean {
  return item.doc !== null && passage.file === item.doc && item.evidence.some((e) => passage.text.includes(e));
}
