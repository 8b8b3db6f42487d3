// Chunking (src/corpus/chunk.ts) on the five seeds with several size/overlap settings. The expected
// sentence boundaries are computed here independently of src/corpus/sentences.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNKER, chunkArticle } from '../src/corpus/chunk.js';
import { loadArticle } from '../src/corpus/load.js';
import type { Article, Block, Chunk, ChunkerOptions } from '../src/corpus/types.js';
import { readQuestionSet } from '../src/eval/dataset.js';
import { CORPUS, QA_DEV, SEEDS } from './helpers/fs.js';

const articles: Article[] = [];

beforeAll(async () => {
  for (const f of SEEDS) articles.push(await loadArticle(CORPUS, f));
});

const SETTINGS: ChunkerOptions[] = [
  DEFAULT_CHUNKER,
  { maxChars: 80, overlapChars: 0 },
  { maxChars: 120, overlapChars: 40 },
  { maxChars: 250, overlapChars: 100 },
  { maxChars: 1000, overlapChars: 60 },
];

/** Offsets (absolute) right after each sentence of a paragraph: 。！？；!?; plus closing quotes/brackets. */
function sentenceEnds(text: string, b: Block): number[] {
  const ends: number[] = [];
  const re = /[。！？!?；;]+[”’」』）)》】"']*/g;
  for (const m of b.text.matchAll(re)) ends.push(b.start + m.index + m[0].length);
  ends.push(b.end);
  return ends;
}

/** Sentences [start, end) of a paragraph (by the ends above). */
function sentences(text: string, b: Block): [number, number][] {
  const out: [number, number][] = [];
  let s = b.start;
  for (const e of sentenceEnds(text, b)) {
    if (e > s) out.push([s, e]);
    s = e;
  }
  return out;
}

/** The chunks of an article's body text (not its captions). */
function body(a: Article, chunks: Chunk[]): Chunk[] {
  return chunks.filter((c) => a.blocks[c.block]!.kind === 'paragraph');
}

function paragraphsOf(a: Article, c: Chunk): Block[] {
  return a.blocks.filter((b) => b.kind === 'paragraph' && b.start < c.end && b.end > c.start);
}

const label = (o: ChunkerOptions) => `maxChars ${o.maxChars}, overlap ${o.overlapChars}`;

describe.each(SETTINGS)('chunks with $maxChars/$overlapChars', (opts) => {
  // Body chunks (captions are chunks of their own, tested below).
  const all = () => articles.map((a) => ({ a, chunks: body(a, chunkArticle(a, opts)) }));

  it('are verbatim slices of the article text with consecutive ids', () => {
    let total = 0;
    for (const { a, chunks } of all()) {
      expect(chunks.length).toBeGreaterThan(0);
      chunks.forEach((c, i) => {
        expect(c.id).toBe(i);
        expect(c.file).toBe(a.meta.file);
        expect(c.text).toBe(a.text.slice(c.start, c.end));
        expect(c.text.trim()).toBe(c.text);
        expect(c.text.length).toBeGreaterThan(0);
      });
      total += chunks.length;
    }
    expect(total).toBeGreaterThan(20);
  });

  it('are at most maxChars long unless a single sentence', () => {
    for (const { a, chunks } of all()) {
      for (const c of chunks) {
        if (c.text.length <= opts.maxChars) continue;
        const [p] = paragraphsOf(a, c);
        const inner = sentenceEnds(a.text, p!).filter((e) => e > c.start && e < c.end);
        expect(inner, `${label(opts)}: over-long chunk spans several sentences: ${c.text.slice(0, 60)}`).toEqual([]);
      }
    }
  });

  it('stay within one section, contain only paragraphs, and record the section and start block', () => {
    for (const { a, chunks } of all()) {
      for (const c of chunks) {
        const touched = a.blocks.filter((b) => b.start < c.end && b.end > c.start);
        expect(touched.length).toBeGreaterThan(0);
        for (const b of touched) {
          expect(b.kind, `${a.meta.file} chunk ${c.id} touches a ${b.kind}: ${b.text}`).toBe('paragraph');
          expect(b.section).toBe(c.section);
        }
        const first = a.blocks[c.block]!;
        expect(first.kind).toBe('paragraph');
        expect(first.start <= c.start && c.start < first.end).toBe(true);
        // Whatever lies between the chunk's paragraphs is the blank-line separator only.
        for (let i = 0; i + 1 < touched.length; i++) {
          expect(a.text.slice(touched[i]!.end, touched[i + 1]!.start)).toBe('\n\n');
        }
      }
    }
  });

  it('start and end on sentence boundaries (or inside one over-long sentence)', () => {
    for (const { a, chunks } of all()) {
      for (const c of chunks) {
        const paras = paragraphsOf(a, c);
        const firstP = paras[0]!;
        const lastP = paras[paras.length - 1]!;
        const starts = new Set([firstP.start, ...sentenceEnds(a.text, firstP)]);
        const ends = new Set(sentenceEnds(a.text, lastP));
        const longAt = (p: Block, pos: number) =>
          sentences(a.text, p).some(([s, e]) => s <= pos && pos <= e && e - s > opts.maxChars);
        if (!starts.has(c.start)) {
          expect(longAt(firstP, c.start), `${a.meta.file} #${c.id} starts mid-sentence: ${c.text.slice(0, 40)}`).toBe(true);
        }
        if (!ends.has(c.end)) {
          expect(longAt(lastP, c.end), `${a.meta.file} #${c.id} ends mid-sentence: …${c.text.slice(-40)}`).toBe(true);
        }
      }
    }
  });

  it('overlap their predecessor in the same run by at most overlapChars and always move forward', () => {
    for (const { a, chunks } of all()) {
      for (let i = 1; i < chunks.length; i++) {
        const prev = chunks[i - 1]!;
        const c = chunks[i]!;
        expect(c.start).toBeGreaterThan(prev.start);
        expect(c.end).toBeGreaterThanOrEqual(prev.end);
        const overlap = prev.end - c.start;
        if (overlap > 0) {
          expect(overlap, `${a.meta.file} #${c.id}`).toBeLessThanOrEqual(opts.overlapChars);
          expect(c.section).toBe(prev.section);
        }
      }
    }
  });

  it('cover every character of every paragraph', () => {
    for (const { a, chunks } of all()) {
      const covered = new Uint8Array(a.text.length);
      for (const c of chunks) covered.fill(1, c.start, c.end);
      for (const b of a.blocks) {
        if (b.kind !== 'paragraph') continue;
        for (let i = b.start; i < b.end; i++) {
          if (!covered[i] && !/\s/.test(a.text[i]!)) {
            throw new Error(`${label(opts)}: ${a.meta.file} offset ${i} (“${a.text.slice(i, i + 20)}”) is in no chunk`);
          }
        }
      }
    }
  });
});

/** An article of the given blocks, joined by blank lines as the cleaner joins them. */
function synthetic(parts: readonly (readonly [Block['kind'], string])[]): Article {
  let text = '';
  const blocks: Block[] = parts.map(([kind, t]) => {
    const start = text.length ? text.length + 2 : 0;
    text = text.length ? `${text}\n\n${t}` : t;
    return { kind, text: t, start, end: start + t.length, section: '' };
  });
  return { meta: { file: 'x.txt', title: '合成', paper: '', date: '' }, text, blocks, hash: 'h' };
}

describe('captions', () => {
  it('are chunks of their own, verbatim, each caption in one, never mixed with body text', () => {
    for (const a of articles) {
      const captions = a.blocks.filter((b) => b.kind === 'caption');
      const chunks = chunkArticle(a).filter((c) => a.blocks[c.block]!.kind === 'caption');
      for (const c of chunks) {
        expect(c.text).toBe(a.text.slice(c.start, c.end));
        expect(new Set(a.blocks.filter((b) => b.start < c.end && b.end > c.start).map((b) => b.kind))).toEqual(new Set(['caption']));
      }
      for (const b of captions) expect(chunks.filter((c) => c.start <= b.start && b.end <= c.end)).toHaveLength(1);
    }
    expect(articles.some((a) => a.blocks.some((b) => b.kind === 'caption'))).toBe(true);
  });

  it('keep a credit printed on a line of its own with the caption before it', () => {
    const parts = [
      ['paragraph', '正文第一段，讲了一件事。'],
      ['caption', '3月5日，甲县某工厂车间，工人收看新闻。'],
      ['caption', '记者 张三 摄/视觉重庆'],
      ['caption', '3月6日，乙县某园区，技术人员收看新闻。 特约摄影 李四/视觉重庆'],
    ] as const;
    const a = synthetic(parts);
    const captions = chunkArticle(a).filter((c) => a.blocks[c.block]!.kind === 'caption').map((c) => c.text);
    expect(captions).toEqual(['3月5日，甲县某工厂车间，工人收看新闻。\n\n记者 张三 摄/视觉重庆', '3月6日，乙县某园区，技术人员收看新闻。 特约摄影 李四/视觉重庆']);
  });
});

describe('bylines', () => {
  it('are chunks of their own, one per byline, so who reported can be found', () => {
    const parts = [
      ['paragraph', '正文第一段，讲了一件事。'],
      ['caption', '①甲县：工厂车间。'],
      ['byline', '甲县融媒体中心记者 张三 文图'],
      ['byline', '乙报记者 李四 文图'],
    ] as const;
    const a = synthetic(parts);
    const { text, blocks } = a;
    const chunks = chunkArticle(a);
    expect(chunks.filter((c) => blocks[c.block]!.kind === 'byline').map((c) => c.text)).toEqual(['甲县融媒体中心记者 张三 文图', '乙报记者 李四 文图']);
    for (const c of chunks) expect(c.text).toBe(text.slice(c.start, c.end));
    expect(chunks.map((c) => c.id)).toEqual(chunks.map((_, i) => i));
  });
});

describe('headlines with a deck', () => {
  it('are one chunk each, the headline lines and the deck under them, verbatim; a headline without a deck is none', () => {
    const parts = [
      ['heading', '甲县做强产业'],
      ['paragraph', '正文第一段，讲了一件事。'],
      ['heading', '全力以赴做大某某'],
      ['heading', '——某某系列评论之二'],
      ['byline', '本报评论员'],
      ['paragraph', '正文第二段，又讲了一件事。'],
    ] as const;
    const a = synthetic(parts);
    const chunks = chunkArticle(a);
    const headings = chunks.filter((c) => a.blocks[c.block]!.kind === 'heading');
    expect(headings.map((c) => c.text)).toEqual(['全力以赴做大某某\n\n——某某系列评论之二']);
    for (const c of chunks) expect(c.text).toBe(a.text.slice(c.start, c.end));
  });
});

describe('redundant chunks', () => {
  // KNOWN BUG (src/corpus/chunk.ts): when the sentence after the overlap does not fit, the next chunk
  // consists of the overlap sentences only and lies wholly inside its predecessor (e.g. 120/40 on 000:
  // "新质生产力之“质”，核心是科技，关键在质优。" repeats the end of the chunk before it).
  it('every chunk reaches past the end of its predecessor (none is contained in the previous one)', () => {
    const contained: string[] = [];
    for (const opts of [...SETTINGS, { maxChars: 200, overlapChars: 60 }]) {
      for (const a of articles) {
        const chunks = body(a, chunkArticle(a, opts));
        for (let i = 1; i < chunks.length; i++) {
          if (chunks[i]!.end <= chunks[i - 1]!.end) contained.push(`${label(opts)}: ${a.meta.file} #${chunks[i]!.id} “${chunks[i]!.text.slice(0, 30)}…”`);
        }
      }
    }
    expect(contained).toEqual([]);
  });
});

describe('chunk ids and defaults', () => {
  it('numbers chunks from firstId', () => {
    const a = articles[0]!;
    const base = chunkArticle(a);
    const shifted = chunkArticle(a, DEFAULT_CHUNKER, 1000);
    expect(shifted.map((c) => c.id)).toEqual(base.map((c) => c.id + 1000));
    expect(shifted.map((c) => c.text)).toEqual(base.map((c) => c.text));
  });

  it('is deterministic', () => {
    for (const a of articles) expect(chunkArticle(a)).toEqual(chunkArticle(a));
  });

  it('with overlap 0 chunks never overlap', () => {
    for (const a of articles) {
      const chunks = body(a, chunkArticle(a, { maxChars: 200, overlapChars: 0 }));
      for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBeGreaterThanOrEqual(chunks[i - 1]!.end);
    }
  });
});

describe('evidence of the dev question set survives cleaning and chunking', () => {
  it('every evidence string occurs inside some default chunk of its document', () => {
    const items = readQuestionSet(QA_DEV).filter((i) => i.doc !== null);
    expect(items.length).toBeGreaterThanOrEqual(25);
    const missing: string[] = [];
    for (const item of items) {
      const a = articles.find((x) => x.meta.file === item.doc);
      expect(a, item.doc!).toBeDefined();
      const chunks = chunkArticle(a!);
      for (const ev of item.evidence) {
        if (!chunks.some((c) => c.text.includes(ev))) missing.push(`${item.id}: ${ev}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
