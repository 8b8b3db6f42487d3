// The plain lexical baselines every change is measured against in the same run: BM25 (MiniSearch) over
// 300-character windows of the raw article text (hard wraps joined, nothing else cleaned), no answer
// decision. Two tokenisations: jieba words, and character bigrams (robust to typos, OCR slips and
// unknown names, which is why a plain bigram index is a strong baseline for Chinese).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { listArticleFiles } from '../corpus/load.js';
import { normalizeText } from '../text/normalize.js';
import { segmenter } from '../text/segment.js';

export interface BaselineHit {
  file: string;
  text: string;
}

export type BaselineTokens = 'words' | 'bigrams';

const WORDLIKE = /[\p{L}\p{N}]/u;

export const TOKENIZERS: Record<BaselineTokens, (s: string) => string[]> = {
  words: (s) => segmenter().cutForSearch(s, true).filter((t) => WORDLIKE.test(t)),
  bigrams: (s) => {
    const out: string[] = [];
    // Runs of Chinese characters become overlapping bigrams; Latin words and numbers stay whole.
    for (const run of normalizeText(s).toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9.]+/g) ?? []) {
      if (!/[\u3400-\u9fff]/.test(run) || run.length === 1) out.push(run);
      else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
    return out;
  },
};

export class LexicalBaseline {
  private constructor(
    private readonly mini: MiniSearch<{ id: number; text: string; file: string }>,
    private readonly windows: BaselineHit[],
  ) {}

  static async build(corpusDir: string, tokens: BaselineTokens = 'words', window = 300, stride = 150): Promise<LexicalBaseline> {
    const windows: BaselineHit[] = [];
    for (const file of await listArticleFiles(corpusDir)) {
      const flat = readFileSync(path.join(corpusDir, file), 'utf8').replace(/\s*\n\s*/g, '');
      for (let i = 0; i < flat.length; i += stride) windows.push({ file, text: flat.slice(i, i + window) });
    }
    const mini = new MiniSearch<{ id: number; text: string; file: string }>({ fields: ['text'], tokenize: TOKENIZERS[tokens] });
    mini.addAll(windows.map((w, id) => ({ id, ...w })));
    return new LexicalBaseline(mini, windows);
  }

  search(question: string, k: number): BaselineHit[] {
    return this.mini.search(question, { combineWith: 'OR' }).slice(0, k).map((r) => this.windows[r.id as number]!);
  }
}
