// BM25 over jieba-segmented text (MiniSearch). Besides the chunk text, the section heading and the
// article title are indexed as weaker fields: a question naming a district finds that district's
// section even when the paragraph itself only says "该区".
import MiniSearch from 'minisearch';
import { terms } from '../text/segment.js';

export interface LexicalDoc {
  id: number;
  text: string;
  section: string;
  title: string;
}

export interface LexicalHit {
  id: number;
  score: number;
  /** Query terms found in the document. */
  matched: string[];
}

export interface FieldWeights {
  text: number;
  section: number;
  title: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { text: 1, section: 0.5, title: 0.2 };

const FIELDS = ['text', 'section', 'title'] as const;

function options() {
  return {
    fields: [...FIELDS],
    idField: 'id',
    tokenize: (s: string) => terms(s),
    // terms() already normalises; MiniSearch's default would lower-case again.
    processTerm: (t: string) => t,
    searchOptions: { tokenize: (s: string) => s.split('\u0000').filter(Boolean) },
  };
}

export class LexicalIndex {
  private constructor(
    private readonly mini: MiniSearch<LexicalDoc>,
    /** Document frequency of each text term: how common a word is in this coverage. */
    private readonly dfs: Map<string, number>,
  ) {}

  static build(docs: LexicalDoc[]): LexicalIndex {
    const mini = new MiniSearch<LexicalDoc>(options());
    mini.addAll(docs);
    const dfs = new Map<string, number>();
    for (const d of docs) for (const t of new Set(terms(d.text))) dfs.set(t, (dfs.get(t) ?? 0) + 1);
    return new LexicalIndex(mini, dfs);
  }

  static fromJSON(json: string): LexicalIndex {
    const parsed = JSON.parse(json) as { mini: unknown; dfs: [string, number][] };
    const mini = MiniSearch.loadJS<LexicalDoc>(parsed.mini as Parameters<typeof MiniSearch.loadJS>[0], options());
    return new LexicalIndex(mini, new Map(parsed.dfs));
  }

  toJSON(): string {
    return JSON.stringify({ mini: this.mini.toJSON(), dfs: [...this.dfs] });
  }

  get docCount(): number {
    return this.mini.documentCount;
  }

  df(term: string): number {
    return this.dfs.get(term) ?? 0;
  }

  /** OR-search of already segmented query terms; `weight` lets callers down-weight filler words. */
  search(queryTerms: string[], k: number, fields: FieldWeights = DEFAULT_FIELD_WEIGHTS, weight?: (term: string) => number): LexicalHit[] {
    if (queryTerms.length === 0) return [];
    const results = this.mini.search(queryTerms.join('\u0000'), {
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
      boost: { ...fields },
      ...(weight ? { boostTerm: (t: string) => weight(t) } : {}),
    });
    return results.slice(0, k).map((r) => ({ id: r.id as number, score: r.score, matched: r.terms }));
  }
}
