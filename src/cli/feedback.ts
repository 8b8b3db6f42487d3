// `npm run eval -- --from-feedback`: readers' 👎 from the bot's state, as candidate eval rows (JSON lines
// on stdout) for a person to review: each row has the question set's fields (doc and evidence left for
// the reviewer) plus what the bot quoted, so a wrong answer can become a test case.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { effectiveEf } from '../index/vector.js';
import { openIndex } from '../index/store.js';
import { langOfText } from '../present/messages.js';
import { BotState, STATE_FILE } from '../telegram/state.js';

export interface FeedbackCandidate {
  id: string;
  lang: 'zh' | 'en';
  kind: 'unanswerable';
  question: string;
  doc: null;
  evidence: string[];
  review: string;
  quoted: { chunkId: number; file?: string; text?: string }[];
  chatType: string;
  at: string;
}

export async function feedbackCandidates(config: Config): Promise<FeedbackCandidate[]> {
  const file = path.join(config.DATA_DIR, STATE_FILE);
  if (!existsSync(file)) return [];
  const state = new BotState(file);
  try {
    const rows = state.feedback(-1);
    const index = rows.length ? await openIndex(config.EMBEDDINGS_DIR, effectiveEf(config.HNSW_EF_SEARCH, undefined)).catch(() => undefined) : undefined;
    return rows.map((r) => ({
      id: `fb-${r.key}-${r.userId}`,
      lang: langOfText(r.question),
      kind: 'unanswerable',
      question: r.question,
      doc: null,
      evidence: [],
      review: 'a reader marked this answer wrong: set doc + evidence (answerable) or keep as unanswerable',
      quoted: r.chunkIds.map((id) => {
        const c = index?.chunks.get(id);
        return c ? { chunkId: id, file: c.file, text: c.text } : { chunkId: id };
      }),
      chatType: r.chatType,
      at: new Date(r.at).toISOString(),
    }));
  } finally {
    state.close();
  }
}
