// Per-model conventions, in one place: how vectors are pooled, which prefixes queries and passages
// need, and whether the model understands questions in another language than the passages.

export interface ModelProfile {
  pooling: 'cls' | 'mean';
  /** Prepended to questions only (bge's retrieval instruction, e5's "query: "). */
  queryPrefix: string;
  /** Prepended to passages only (e5's "passage: "). */
  passagePrefix: string;
  /** Can an English question retrieve a Chinese passage? */
  multilingual: boolean;
}

const BGE_ZH: ModelProfile = {
  pooling: 'cls',
  queryPrefix: '为这个句子生成表示以用于检索相关文章：',
  passagePrefix: '',
  multilingual: false,
};
const E5: ModelProfile = { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', multilingual: true };

/** Published conventions of models known to work with transformers.js. */
const KNOWN: Record<string, ModelProfile> = {
  'Xenova/bge-small-zh-v1.5': BGE_ZH,
  'Xenova/bge-base-zh-v1.5': BGE_ZH,
  'Xenova/bge-large-zh-v1.5': BGE_ZH,
  'Xenova/bge-m3': { pooling: 'cls', queryPrefix: '', passagePrefix: '', multilingual: true },
  'Xenova/multilingual-e5-small': E5,
  'Xenova/multilingual-e5-base': E5,
  'Xenova/multilingual-e5-large': E5,
  'Xenova/paraphrase-multilingual-MiniLM-L12-v2': { pooling: 'mean', queryPrefix: '', passagePrefix: '', multilingual: true },
};

export interface ProfileOverrides {
  pooling?: 'cls' | 'mean' | undefined;
  queryPrefix?: string | undefined;
  passagePrefix?: string | undefined;
  multilingual?: boolean | undefined;
}

/** The profile of a model id: a known model, else guessed from its family name, then settings on top. */
export function profileFor(modelId: string, overrides: ProfileOverrides = {}): ModelProfile {
  const name = modelId.toLowerCase();
  const base: ModelProfile =
    KNOWN[modelId] ??
    (/bge.*zh/.test(name)
      ? BGE_ZH
      : /e5/.test(name)
        ? { ...E5, multilingual: /multilingual/.test(name) }
        : { pooling: 'mean', queryPrefix: '', passagePrefix: '', multilingual: /multilingual|m3/.test(name) });
  return {
    pooling: overrides.pooling ?? base.pooling,
    queryPrefix: overrides.queryPrefix ?? base.queryPrefix,
    passagePrefix: overrides.passagePrefix ?? base.passagePrefix,
    multilingual: overrides.multilingual ?? base.multilingual,
  };
}
