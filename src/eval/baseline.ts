// The plain lexical baseline every change is measured against in the same run: BM25 (MiniSearch +
// jieba) over 300-character windows of the raw article text, no cleaning, no answer decision.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { listArticleFiles } from '../corpus/load.js';
import { segmenter } from '../text/segment.js';

export interface BaselineHit {
  file: string;
  text: string;
}

const tokenize = (s: string) => segmenter().cutForSearch(s, true).filter((t) => /[\p{L}\p{N}]/u.test(t));

export class LexicalBaseline {
  private constructor(
    private readonly mini: MiniSearch<{ id: number; text: string; file: string }>,
    private readonly windows: BaselineHit[],
  ) {}

  static async build(corpusDir: string, window = 300, stride = 150): Promise<LexicalBaseline> {
    const windows: BaselineHit[] = [];
    for (const file of await listArticleFiles(corpusDir)) {
      const flat = readFileSync(path.join(corpusDir, file), 'utf8').replace(/\s*\n\s*/g, '');
      for (let i = 0; i < flat.length; i += stride) windows.push({ file, text: flat.slice(i, i + window) });
    }
    const mini = new MiniSearch<{ id: number; text: string; file: string }>({ fields: ['text'], tokenize });
    mini.addAll(windows.map((w, id) => ({ id, ...w })));
    return new LexicalBaseline(mini, windows);
  }

  search(question: string, k: number): BaselineHit[] {
    return this.mini.search(question, { combineWith: 'OR' }).slice(0, k).map((r) => this.windows[r.id as number]!);
  }
}
