// Bytes → text (src/corpus/decode.ts), corpus folder → articles (src/corpus/load.ts) and article metadata
// (src/corpus/metadata.ts): encodings, unreadable files, front matter, sidecars, metadata from the text.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreadableFileError, decodeText } from '../src/corpus/decode.js';
import { CorpusError, articleHash, listArticleFiles, loadArticle, loadCorpus, readArticleFiles } from '../src/corpus/load.js';
import { MetadataError, dateFromText, paperFromText, parseMeta } from '../src/corpus/metadata.js';
import { dateInText, leadTitle } from '../src/corpus/dates.js';
import type { Article } from '../src/corpus/types.js';
import { ingest } from '../src/index/ingest.js';
import { CORPUS, SEEDS, copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';
import { encodeGbk } from './helpers/gbk.js';

afterAll(removeTempDirs);

const seedText = (file: string) => readFileSync(path.join(CORPUS, file), 'utf8');
const PARA =
  '永川区今年计划新开工重点项目一百个，总投资超过八百亿元，涵盖先进制造、数字经济、现代物流和城市更新等领域，项目建成后将显著提升城市综合承载能力。';

/** Deterministic pseudo-random bytes (LCG), in [lo, hi]. */
function bytes(n: number, lo: number, hi: number, seed = 7): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + Math.floor((s / 2147483648) * (hi - lo + 1));
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

describe('decodeText', () => {
  it('decodes hand-made GB2312 bytes (中文重庆日报，。) as GB18030', () => {
    const gb = [0xd6, 0xd0, 0xce, 0xc4, 0xd6, 0xd8, 0xc7, 0xec, 0xc8, 0xd5, 0xb1, 0xa8, 0xa3, 0xac, 0xa1, 0xa3];
    const sentence = Uint8Array.from([...gb, 0x0a]);
    const file = Uint8Array.from(Array.from({ length: 20 }, () => [...sentence]).flat());
    const d = decodeText('gb.txt', file);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe('中文重庆日报，。\n'.repeat(20));
  });

  it('reads UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode(PARA);
    expect(decodeText('a.txt', plain)).toEqual({ text: PARA, encoding: 'utf-8' });
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeText('a.txt', bom)).toEqual({ text: PARA, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE files with a BOM', () => {
    const le = Buffer.from('\uFEFF' + PARA, 'utf16le');
    expect(decodeText('le.txt', le)).toEqual({ text: PARA, encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText('be.txt', be)).toEqual({ text: PARA, encoding: 'utf-16be' });
  });

  it('refuses NUL-containing binary data with an UnreadableFileError naming the file', () => {
    const data = bytes(2048, 0, 255);
    expect(data.includes(0)).toBe(true);
    let err: unknown;
    try {
      decodeText('photo.txt', data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnreadableFileError);
    expect((err as UnreadableFileError).file).toBe('photo.txt');
    expect((err as Error).message).toMatch(/^photo\.txt: /);
    expect((err as Error).message).toMatch(/binary|NUL/);
  });

  it('refuses random bytes without NULs (neither UTF-8 nor GBK text)', () => {
    for (const [lo, seed] of [
      [1, 1],
      [1, 99],
      [0x80, 5],
    ] as const) {
      const data = bytes(4096, lo, 255, seed);
      expect(data.includes(0)).toBe(false);
      expect(() => decodeText('noise.txt', data)).toThrow(UnreadableFileError);
      expect(() => decodeText('noise.txt', data)).toThrow(/^noise\.txt: .*UTF-8/);
    }
  });

  it.each(SEEDS)('%s: UTF-8 with a damaged byte is refused, never read as GB18030 mojibake', (file) => {
    const bytes = readFileSync(path.join(CORPUS, file));
    for (const at of [100, Math.floor(bytes.length / 2), bytes.length - 10]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = 0xff;
      expect(() => decodeText(file, damaged)).toThrow(UnreadableFileError);
    }
  });

  it('refuses an empty file', () => {
    expect(() => decodeText('empty.txt', new Uint8Array())).toThrow(/empty\.txt: .*empty/);
  });
});

describe('GBK-encoded articles', () => {
  it.each(SEEDS)('%s re-encoded as GBK loads exactly like the UTF-8 original', async (file) => {
    const dir = tempDir('gbk-');
    const gbkBytes = encodeGbk(seedText(file));
    expect(decodeText(file, gbkBytes).encoding).toBe('gb18030');
    writeFileSync(path.join(dir, file), gbkBytes);
    copyFileSync(path.join(CORPUS, file.replace('.txt', '.meta.yaml')), path.join(dir, file.replace('.txt', '.meta.yaml')));
    const gbk = await loadArticle(dir, file);
    const utf8 = await loadArticle(CORPUS, file);
    expect(gbk.text).toBe(utf8.text);
    expect(gbk.blocks).toEqual(utf8.blocks);
    expect(gbk.meta).toEqual(utf8.meta);
    expect(gbk.hash).not.toBe(utf8.hash); // the identity is of the raw bytes
  });
});

describe('loadCorpus', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof loadCorpus>>;
  const root = process.getuid?.() === 0;

  beforeAll(async () => {
    dir = copyCorpus();
    writeFileSync(path.join(dir, 'binary.txt'), bytes(1000, 0, 255));
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'noise.md'), bytes(3000, 1, 255, 3));
    writeFileSync(path.join(dir, 'heading-only.txt'), '只有一个标题\n');
    mkdirSync(path.join(dir, 'folder.txt')); // a directory named like an article: cannot be read as a file
    writeFileSync(path.join(dir, 'extra.md'), `# 额外的报道\n\n${PARA}\n`);
    writeFileSync(path.join(dir, '.hidden.txt'), PARA);
    writeFileSync(path.join(dir, 'notes.pdf'), PARA);
    if (!root) {
      writeFileSync(path.join(dir, 'locked.txt'), PARA);
      chmodSync(path.join(dir, 'locked.txt'), 0o000);
    }
    result = await loadCorpus(dir);
  });

  it('still loads every readable article (the five seeds and a Markdown file)', () => {
    expect(result.articles.map((a) => a.meta.file).sort()).toEqual([...SEEDS, 'extra.md'].sort());
  });

  it('reports each unreadable file once, by name, and nothing else', () => {
    const expected = ['binary.txt', 'empty.txt', 'folder.txt', 'heading-only.txt', 'noise.md', ...(root ? [] : ['locked.txt'])];
    expect(result.problems.map((p) => p.file).sort()).toEqual(expected.sort());
    for (const p of result.problems) {
      expect(p.message).toContain(p.file);
      expect(p.message).not.toMatch(/\n/);
    }
    expect(result.problems.find((p) => p.file === 'binary.txt')!.message).toMatch(/binary|NUL/);
    expect(result.problems.find((p) => p.file === 'empty.txt')!.message).toMatch(/empty/);
    expect(result.problems.find((p) => p.file === 'heading-only.txt')!.message).toMatch(/no paragraphs/);
  });

  it('a file without read permission is skipped and reported (not as root)', async () => {
    if (root) {
      // Root reads any file regardless of mode: the directory named folder.txt stands in for it above.
      expect(result.problems.some((p) => p.file === 'folder.txt')).toBe(true);
      return;
    }
    expect(result.problems.find((p) => p.file === 'locked.txt')?.message).toMatch(/EACCES|permission/i);
  });

  it('ignores hidden files, sidecars and other extensions, and lists files sorted', async () => {
    const files = await listArticleFiles(dir);
    expect(files).not.toContain('.hidden.txt');
    expect(files).not.toContain('notes.pdf');
    expect(files.some((f) => f.endsWith('.yaml'))).toBe(false);
    expect(files).toEqual([...files].sort());
  });

  it('a missing corpus folder is a CorpusError naming the folder', async () => {
    const missing = path.join(tempDir(), 'nope');
    const err = await rejection(loadCorpus(missing));
    expect(err).toBeInstanceOf(CorpusError);
    expect(err.message).toContain(missing);
  });
});

describe('metadata', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('meta-');
  });

  const body = `永川推进重点项目建设\n\n${PARA}\n`;

  it('reads YAML front matter and keeps it out of the text', async () => {
    writeFileSync(
      path.join(dir, 'fm.txt'),
      `---\ntitle: 前置标题\npaper: 永川日报\ndate: 2024-04-26\nurl: https://example.org/a\n---\n${body}`,
    );
    const a = await loadArticle(dir, 'fm.txt');
    expect(a.meta).toEqual({ file: 'fm.txt', title: '前置标题', paper: '永川日报', date: '2024-04-26', url: 'https://example.org/a' });
    expect(a.text).not.toContain('---');
    expect(a.text).not.toContain('title:');
    expect(a.text).toContain(PARA);
  });

  it('front matter works with CRLF line endings', async () => {
    writeFileSync(path.join(dir, 'crlf.txt'), `---\r\ntitle: 回车换行\r\n---\r\n${body.replace(/\n/g, '\r\n')}`);
    const a = await loadArticle(dir, 'crlf.txt');
    expect(a.meta.title).toBe('回车换行');
    expect(a.text).not.toContain('---');
  });

  it('a <name>.meta.yaml sidecar wins over front matter, field by field', async () => {
    writeFileSync(path.join(dir, 'both.txt'), `---\ntitle: 前置标题\npaper: 前置报纸\ndate: 2023-01\n---\n${body}`);
    writeFileSync(path.join(dir, 'both.meta.yaml'), '# comment\ntitle: 旁注标题\ndate: 2024-04-26\n');
    const a = await loadArticle(dir, 'both.txt');
    expect(a.meta).toMatchObject({ title: '旁注标题', paper: '前置报纸', date: '2024-04-26' });
  });

  it('a changed sidecar changes the article hash (so the index re-reads it)', async () => {
    writeFileSync(path.join(dir, 'h.txt'), body);
    const before = articleHash(await readArticleFiles(dir, 'h.txt'));
    writeFileSync(path.join(dir, 'h.meta.yaml'), 'title: 新标题\n');
    const after = articleHash(await readArticleFiles(dir, 'h.txt'));
    expect(after).not.toBe(before);
    expect((await loadArticle(dir, 'h.txt')).hash).toBe(after);
  });

  it('invalid sidecar YAML is a MetadataError naming the sidecar file', async () => {
    writeFileSync(path.join(dir, 'badyaml.txt'), body);
    writeFileSync(path.join(dir, 'badyaml.meta.yaml'), 'title: [unclosed\n  paper: x: y\n');
    const err = await rejection(loadArticle(dir, 'badyaml.txt'));
    expect(err).toBeInstanceOf(MetadataError);
    expect(err.message).toMatch(/^badyaml\.meta\.yaml: invalid YAML/);
    expect(err.message).not.toMatch(/\n/);
  });

  it('an impossible or unreadable date is left out with a warning naming the file; the rest is kept', async () => {
    writeFileSync(path.join(dir, 'baddate.txt'), `---\ntitle: 有标题\ndate: April 2024\n---\n${body}`);
    const warnings: string[] = [];
    const a = await loadArticle(dir, 'baddate.txt', warnings);
    expect(a.meta.title).toBe('有标题');
    expect(a.meta.date).toBe('');
    expect(warnings).toEqual([expect.stringMatching(/^baddate\.txt: date "April 2024" ignored/)]);
    const w: string[] = [];
    expect(parseMeta('title: T\npaper: P\ndate: 2024-13-45', 'x.meta.yaml', w)).toEqual({ title: 'T', paper: 'P' });
    expect(w[0]).toMatch(/^x\.meta\.yaml: date "2024-13-45" ignored \(date must be a real date/);
    for (const bad of ['2024-02-30', '2023-02-29', '2024-00', '2024-4-26', '2024-13-45-1']) {
      expect(parseMeta(`date: ${bad}`, 'x', [])).toEqual({});
    }
    expect(parseMeta('date: 2024-02-29', 'x')).toEqual({ date: '2024-02-29' });
    expect(parseMeta('date: 2024-04', 'x')).toEqual({ date: '2024-04' });
    expect(() => parseMeta('title: 42', 'n.meta.yaml')).toThrow(MetadataError);
  });

  it('loadCorpus keeps an article whose sidecar date is impossible, with a warning', async () => {
    const c = copyCorpus(SEEDS.slice(0, 2));
    writeFileSync(path.join(c, SEEDS[1].replace('.txt', '.meta.yaml')), 'title: 旁注\ndate: 2024-13-45\n');
    const { articles, problems, warnings } = await loadCorpus(c);
    expect(articles.map((a) => a.meta.file)).toEqual(SEEDS.slice(0, 2));
    expect(articles[1]!.meta.title).toBe('旁注');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([{ file: SEEDS[1], message: expect.stringContaining(`${SEEDS[1].replace('.txt', '.meta.yaml')}: date "2024-13-45"`) }]);
  });

  it('loadCorpus reports a metadata problem by the article file and keeps the rest', async () => {
    const c = copyCorpus(SEEDS.slice(0, 2));
    writeFileSync(path.join(c, SEEDS[1].replace('.txt', '.meta.yaml')), 'title: [unclosed\n');
    const { articles, problems } = await loadCorpus(c);
    expect(articles.map((a) => a.meta.file)).toEqual([SEEDS[0]]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(SEEDS[1]);
    expect(problems[0]!.message).toContain(SEEDS[1].replace('.txt', '.meta.yaml'));
  });

  it('refuses oversized metadata before parsing it (40k keys no longer take seconds)', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join('\n');
    expect(() => parseMeta(keys, 'big.meta.yaml')).toThrow(/^big\.meta\.yaml: metadata of \d+ bytes is over the 16384 allowed/);
    const many = Array.from({ length: 65 }, (_, i) => `k${i}: v`).join('\n');
    expect(() => parseMeta(many, 'many.meta.yaml')).toThrow(/^many\.meta\.yaml: metadata has more than 64 keys/);
    expect(parseMeta(Array.from({ length: 60 }, (_, i) => `k${i}: v`).join('\n') + '\ntitle: T', 'ok')).toEqual({ title: 'T' });
    writeFileSync(path.join(dir, 'bigfront.txt'), `---\n${keys}\n---\n${body}`);
    expect((await rejection(loadArticle(dir, 'bigfront.txt'))).message).toMatch(/^bigfront\.txt: metadata of/);
    // Aliases cannot blow up either.
    const laugh = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: T';
    expect(() => parseMeta(laugh, 'alias.meta.yaml')).toThrow(MetadataError);
  });

  it.each(SEEDS)('%s without its sidecar: the title comes from the headline in the text', async (file) => {
    const d = tempDir('nometa-');
    copyFileSync(path.join(CORPUS, file), path.join(d, file));
    const bare = await loadArticle(d, file);
    const sidecar = parseMeta(readFileSync(path.join(CORPUS, file.replace('.txt', '.meta.yaml')), 'utf8'), 'sidecar');
    expect(bare.meta.title).toBe(sidecar.title);
    // A date only when the text states one: 004's dateline "2月21日" with "2023年" beside it.
    expect(bare.meta.date).toBe(file.startsWith('004_') ? '2023-02-21' : '');
  });

  it.each([SEEDS[1], SEEDS[2], SEEDS[4]])('%s without its sidecar: the paper comes from the byline', async (file) => {
    const d = tempDir('nometa-');
    copyFileSync(path.join(CORPUS, file), path.join(d, file));
    const bare = await loadArticle(d, file);
    const sidecar = parseMeta(readFileSync(path.join(CORPUS, file.replace('.txt', '.meta.yaml')), 'utf8'), 'sidecar');
    expect(bare.meta.paper).toBe(sidecar.paper);
  });

  it('paper and date from bylines and datelines; fallbacks when the text names neither', async () => {
    expect(paperFromText(`${PARA}\n（新重庆-重庆日报记者 周尤 周盈）`)).toBe('重庆日报');
    expect(paperFromText('本报讯(渝西都市报记者 彭禹乔)2月21日,永川区委常委会召开会议')).toBe('渝西都市报');
    expect(paperFromText(PARA)).toBeUndefined();
    expect(dateFromText(`2024年4月26日 ${PARA}`)).toBe('2024-04-26');
    expect(dateFromText(PARA)).toBeUndefined();

    writeFileSync(path.join(dir, 'plain.txt'), `${PARA}\n\n${PARA.replace('一百', '两百')}\n`);
    const a: Article = await loadArticle(dir, 'plain.txt');
    // No headline and no metadata: the opening sentence, shortened, never the file name.
    expect(a.meta).toEqual({ file: 'plain.txt', title: `${PARA.slice(0, 39)}…`, paper: '', date: '' });

    writeFileSync(path.join(dir, 'dated.txt'), `永川推进重点项目\n\n本报讯 2024年4月26日，${PARA}\n（新重庆-重庆日报记者 周尤）\n`);
    const b = await loadArticle(dir, 'dated.txt');
    expect(b.meta).toEqual({ file: 'dated.txt', title: '永川推进重点项目', paper: '重庆日报', date: '2024-04-26' });
  });
});

describe('dates stated in the text', () => {
  it('completes a dateline month and day with a year stated beside it, and reads a year and month', () => {
    expect(dateInText(`本报讯 2月21日，区委常委会召开会议，审议2023年重点工作任务。`)).toBe('2023-02-21');
    expect(dateInText(`2024年4月，${PARA}`)).toBe('2024-04');
    expect(dateInText(`2024年4月26日 ${PARA}`)).toBe('2024-04-26');
  });

  it('takes no target or future year as the date, and no date when the text gives none', () => {
    expect(dateInText(`4月24日，${PARA}锚定“到2027年规模以上工业产值翻番”。`)).toBeUndefined();
    expect(dateInText(`4月24日，${PARA}2030年建成。`, new Date('2026-01-01'))).toBeUndefined();
    expect(dateInText(PARA)).toBeUndefined();
  });

  it('a text without any heading is titled by its opening sentence', () => {
    expect(leadTitle('永川新开工项目一百个。总投资八百亿元。')).toBe('永川新开工项目一百个');
  });
});

describe('a new article in the corpus folder', () => {
  it('is picked up by the next ingest and listed in changedFiles', async () => {
    const corpus = copyCorpus(SEEDS.slice(0, 2));
    const indexDir = tempDir('index-');
    const opts = { corpusDir: corpus, indexDir, chunker: { maxChars: 400, overlapChars: 60 }, hnsw: { m: 16, efConstruction: 200, efSearch: 64 } };
    const first = await ingest(opts);
    expect(first.articles).toBe(2);
    copyFileSync(path.join(CORPUS, SEEDS[4]), path.join(corpus, SEEDS[4]));
    const second = await ingest(opts);
    expect(second.changedFiles).toEqual([SEEDS[4]]);
    expect(second.articles).toBe(3);
    expect(second.chunks).toBeGreaterThan(first.chunks);
    rmSync(path.join(corpus, SEEDS[4]));
    const third = await ingest(opts);
    expect(third.removedFiles).toEqual([SEEDS[4]]);
    expect(third.chunks).toBe(first.chunks);
  });
});
