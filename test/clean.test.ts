// Cleaning of raw newspaper text (src/corpus/clean.ts) on the five real seed articles and on synthetic
// inputs: wrapped lines joined, headings, captions and bylines recognised, duplicates dropped, offsets exact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle } from '../src/corpus/clean.js';
import { loadArticle } from '../src/corpus/load.js';
import { joinWrapped } from '../src/text/chars.js';
import type { Article, Block } from '../src/corpus/types.js';
import { CORPUS, SEEDS } from './helpers/fs.js';

const articles = new Map<string, Article>();
const raws = new Map<string, string>();

beforeAll(async () => {
  for (const f of SEEDS) {
    articles.set(f, await loadArticle(CORPUS, f));
    raws.set(f, readFileSync(path.join(CORPUS, f), 'utf8'));
  }
});

const art = (prefix: string): Article => {
  const a = [...articles.values()].find((x) => x.meta.file.startsWith(prefix));
  if (!a) throw new Error(`no seed ${prefix}`);
  return a;
};
const raw = (prefix: string): string => raws.get(SEEDS.find((f) => f.startsWith(prefix))!)!;
const paragraphs = (a: Article): Block[] => a.blocks.filter((b) => b.kind === 'paragraph');
const headings = (a: Article): Block[] => a.blocks.filter((b) => b.kind === 'heading');

describe('cleaned structure of the seed articles', () => {
  it.each(SEEDS)('%s: every block is the exact slice of article.text at its offsets', (file) => {
    const a = articles.get(file)!;
    expect(a.blocks.length).toBeGreaterThan(5);
    let prevEnd = -1;
    for (const b of a.blocks) {
      expect(a.text.slice(b.start, b.end)).toBe(b.text);
      expect(b.start).toBeGreaterThan(prevEnd);
      expect(b.text.length).toBeGreaterThan(0);
      expect(b.text).not.toMatch(/\n/);
      expect(b.text).toBe(b.text.trim());
      prevEnd = b.end;
    }
    // Blocks are separated by blank lines and nothing else.
    expect(a.text).toBe(a.blocks.map((b) => b.text).join('\n\n'));
    expect(paragraphs(a).length).toBeGreaterThan(3);
  });

  it.each(SEEDS)('%s: no line of the raw file is lost (each occurs verbatim in the cleaned text)', (file) => {
    const a = articles.get(file)!;
    const lost = raws
      .get(file)!
      .split(/\r?\n/)
      .map((l) => l.replace(/^#{1,6}\s+/, '').trim())
      // A credit glued to the next caption is split in two blocks: each part must be there.
      .filter((l) => l && !a.text.includes(l) && !(/摄/.test(l) && l.split(/(?<=摄(?:\/视觉重庆)?)/).every((p) => a.text.includes(p.trim()))));
    expect(lost).toEqual([]);
  });
});

describe('photo credits', () => {
  it('a credit glued to the next caption is split off: the caption starts at its own text (002)', () => {
    const cap = art('002').blocks.find((b) => b.text.includes('渝北区海联尼科技园'))!;
    expect(cap.kind).toBe('caption');
    expect(cap.text.startsWith('4月23日')).toBe(true);
    expect(art('002').blocks.some((b) => b.kind === 'caption' && b.text === '记者 张锦辉 摄/视觉重庆')).toBe(true);
  });
});

describe('hard-wrapped lines', () => {
  it('joins a word split over two lines without a space (000: 习近平总 | 书记)', () => {
    const r = raw('000');
    // The raw file really has the break: the line ends in 习近平总 and the next text line starts with 书记.
    expect(r).toMatch(/落实习近平总\s*\n\s*\n?书记的重要讲话精神/);
    const a = art('000');
    const p = paragraphs(a).find((b) => b.text.includes('落实习近平总书记的重要讲话精神，抢抓多重国家战略机遇'));
    expect(p, 'the joined sentence is one paragraph').toBeDefined();
    expect(a.text).not.toMatch(/习近平总\s+书记/);
  });

  it('joins 002: 为我们进 | 一步指明了 into one phrase', () => {
    expect(raw('002')).toMatch(/为我们进\s*\n\s*\n?一步指明了/);
    const a = art('002');
    expect(paragraphs(a).some((b) => b.text.includes('总书记的重要讲话为我们进一步指明了建设现代化产业体系的发力点'))).toBe(true);
    expect(a.text).not.toMatch(/为我们进\s+一步/);
  });

  it.each(['000', '001', '002', '003'])('%s: paragraphs have no whitespace between Chinese characters', (prefix) => {
    const bad = paragraphs(art(prefix))
      .map((b) => /[\u4e00-\u9fff，。、“”：；！？]\s+[\u4e00-\u9fff，。、“”：；！？]/.exec(b.text)?.[0])
      .filter(Boolean);
    expect(bad).toEqual([]);
  });

  it('000 (one paragraph wrapped over many short lines) is joined back into long paragraphs', () => {
    const a = art('000');
    const rawLines = raw('000').split('\n').filter((l) => l.trim()).length;
    expect(rawLines).toBeGreaterThan(150);
    expect(paragraphs(a).length).toBeLessThan(30);
    // Every paragraph ends a sentence: nothing was cut off mid-way.
    for (const p of paragraphs(a)) expect(p.text).toMatch(/[。！？”…]$/);
  });
});

describe('headings and sections', () => {
  it('000: 深化改革扩大开放 / 迭代升级产业体系 are heading blocks and label the next paragraph', () => {
    const a = art('000');
    const i = a.blocks.findIndex((b) => b.text === '深化改革扩大开放');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(a.blocks[i]!.kind).toBe('heading');
    expect(a.blocks[i + 1]).toMatchObject({ kind: 'heading', text: '迭代升级产业体系' });
    const next = a.blocks.slice(i + 2).find((b) => b.kind === 'paragraph')!;
    expect(next.text).toMatch(/^永川高新区党工委副书记、管委会主任盛逵表示/);
    expect(next.section).toContain('深化改革扩大开放');
    expect(next.section).toContain('迭代升级产业体系');
  });

  it('000: the lead paragraph before the first heading has an empty section', () => {
    const a = art('000');
    expect(a.blocks[0]!.kind).toBe('paragraph');
    expect(a.blocks[0]!.section).toBe('');
  });

  it.each(['002', '004'])('%s: "## " lines become headings without the markup', (prefix) => {
    const a = art(prefix);
    const md = raw(prefix)
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3).trim());
    expect(md.length).toBeGreaterThanOrEqual(2);
    for (const h of md) expect(headings(a).map((b) => b.text)).toContain(h);
    expect(a.blocks.filter((b) => b.text.startsWith('#'))).toEqual([]);
  });

  it('004: paragraphs under a "## " heading carry it in their section', () => {
    const a = art('004');
    const p = paragraphs(a).find((b) => b.text.includes('区人大常委会党组书记、主任潘文峰参加会议'))!;
    expect(p.section).toContain('永川区人大常委会机关党组召开2022年度民主生活会');
    const q = paragraphs(a).find((b) => b.text.startsWith('要壮大数字经济'))!;
    expect(q.section).toContain('全力以赴做大经济总量提升发展质量');
  });

  it('a byline under a headline belongs to that story\'s section, not to the one before', () => {
    const raw = ['## 甲区召开会议', '', '会议研究了甲区今年的工作安排，部署了下一步的重点任务。', '', '## 做大经济总量', '', '——系列评论之二', '', '本报评论员', '', '经济发展是量和质的统一，要做大总量、提升质量。', ''].join('\n');
    const { blocks } = cleanArticle(raw);
    const byline = blocks.find((b) => b.text === '本报评论员')!;
    expect(byline.kind).toBe('byline');
    expect(byline.section).toBe('做大经济总量');
    expect(blocks.find((b) => b.text.startsWith('经济发展'))!.section).toBe('做大经济总量');
  });

  it('every paragraph section is made of heading texts of its article', () => {
    for (const a of articles.values()) {
      const texts = new Set(headings(a).map((b) => b.text));
      for (const p of paragraphs(a)) {
        if (!p.section) continue;
        const parts = p.section.split(' · ').flatMap((s) => s.split(' '));
        const joined = [...texts].join(' ');
        for (const part of parts) expect(joined).toContain(part);
      }
    }
  });
});

describe('captions and bylines', () => {
  const CREDIT_LINE = /视觉重庆|特约摄影|^[①-⑳]|融媒体中心记者|记者\s*\S+\s*文图|^[（(]新重庆-重庆日报记者/;

  it.each(SEEDS)('%s: credit and byline lines are caption/byline blocks, never in a paragraph', (file) => {
    const a = articles.get(file)!;
    for (const b of a.blocks) {
      if (CREDIT_LINE.test(b.text)) expect(['caption', 'byline'], `${b.kind}: ${b.text}`).toContain(b.kind);
    }
    for (const p of paragraphs(a)) {
      expect(p.text).not.toMatch(/视觉重庆|特约摄影|融媒体中心记者|文图|新重庆-重庆日报记者|^[①-⑳]/);
    }
  });

  it('001: both 特约摄影 … /视觉重庆 photo captions are caption blocks', () => {
    const caps = art('001').blocks.filter((b) => b.text.includes('特约摄影'));
    expect(caps).toHaveLength(2);
    for (const c of caps) expect(c.kind).toBe('caption');
  });

  it('002: the three 记者 … 摄/视觉重庆 credits are captions', () => {
    const caps = art('002').blocks.filter((b) => b.text.includes('摄/视觉重庆'));
    expect(caps).toHaveLength(3);
    for (const c of caps) expect(c.kind).toBe('caption');
  });

  it('003: the numbered captions ①…⑧ are eight caption blocks', () => {
    const caps = art('003').blocks.filter((b) => /^[①-⑧]/.test(b.text));
    expect(caps.map((c) => c.text[0])).toEqual(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧']);
    for (const c of caps) expect(c.kind).toBe('caption');
  });

  it('003: the eight reporter lines (… 记者 … 文图) are bylines', () => {
    const lines = raw('003')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /记者.*图$/.test(l));
    expect(lines).toHaveLength(8);
    const a = art('003');
    for (const l of lines) expect(a.blocks.find((b) => b.text === l)?.kind, l).toBe('byline');
  });

  it.each(['001', '002'])('%s: the closing （新重庆-重庆日报记者 …） list is a byline', (prefix) => {
    const bylines = art(prefix).blocks.filter((b) => b.text.includes('新重庆-重庆日报记者'));
    expect(bylines).toHaveLength(1);
    expect(bylines[0]!.kind).toBe('byline');
  });
});

describe('duplicated paragraphs (003 prints three 江津 paragraphs twice)', () => {
  it.each(['在城乡融合方面', '在供给服务方面', '征程万里阔'])('"%s…" appears once, under the 江津 heading', (start) => {
    const r = raw('003');
    expect(r.split('\n').filter((l) => l.startsWith(start))).toHaveLength(2);
    const a = art('003');
    const found = a.blocks.filter((b) => b.text.startsWith(start));
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('paragraph');
    expect(found[0]!.section).toMatch(/^江津/);
    expect(a.text.split(start).length - 1).toBe(1);
  });
});

describe('synthetic inputs', () => {
  it.each(SEEDS)('%s: CRLF line endings clean exactly like LF', (file) => {
    const lf = raws.get(file)!;
    expect(lf).not.toContain('\r');
    expect(cleanArticle(lf.replace(/\n/g, '\r\n'))).toEqual(cleanArticle(lf));
  });

  it.each(SEEDS)('%s: a leading BOM changes nothing', (file) => {
    const text = raws.get(file)!;
    const withBom = cleanArticle('\uFEFF' + text);
    expect(withBom).toEqual(cleanArticle(text));
    expect(withBom.text.includes('\uFEFF')).toBe(false);
  });

  const PARAS = [
    '永川区今年计划新开工重点项目一百个，总投资超过八百亿元，涵盖先进制造、数字经济、现代物流和城市更新等领域，项目建成后将显著提升城市综合承载能力。',
    '区发展改革委负责人介绍，全区将建立项目化实施、专班化推进的工作机制，对每个项目明确责任单位、时间节点和推进措施，确保按期开工、按期投产。',
    '与此同时，永川还将持续优化营商环境，深化“放管服”改革，推动更多审批事项“一网通办”，让企业办事更加便捷高效，为项目建设提供有力保障。',
    '据了解，今年一季度，全区已有二十八个项目提前开工，完成投资五十余亿元，开工率和投资完成率均位居全市前列。',
  ];

  it('a file with one whole paragraph per line keeps each line as its own paragraph', () => {
    const r = cleanArticle(PARAS.join('\n') + '\n');
    expect(r.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(r.blocks.map((b) => b.text)).toEqual(PARAS);
    for (const b of r.blocks) expect(r.text.slice(b.start, b.end)).toBe(b.text);
  });

  it('the same paragraphs separated by blank lines give the same blocks', () => {
    expect(cleanArticle(PARAS.join('\n\n')).blocks.map((b) => b.text)).toEqual(PARAS);
  });

  it('a short unpunctuated line followed by body text is a heading that names the section', () => {
    const input = [PARAS[0], '', '优化营商环境', '', PARAS[1], '', PARAS[2]].join('\n');
    const r = cleanArticle(input);
    expect(r.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph', 'paragraph']);
    expect(r.blocks[1]!.text).toBe('优化营商环境');
    expect(r.blocks[0]!.section).toBe('');
    expect(r.blocks[2]!.section).toBe('优化营商环境');
    expect(r.blocks[3]!.section).toBe('优化营商环境');
  });

  it('a leading heading is the title found in the text, not a section', () => {
    const r = cleanArticle(['永川加快建设重点项目', '', PARAS[0], '', PARAS[1]].join('\n'));
    expect(r.titleFromText).toBe('永川加快建设重点项目');
    expect(r.blocks[0]).toMatchObject({ kind: 'heading', text: '永川加快建设重点项目' });
    expect(r.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.section)).toEqual(['', '']);
  });

  it('a hard-wrapped synthetic text (20-character column, blank lines between lines) is joined verbatim', () => {
    // Column of ~20 characters, blank line between wrapped lines, like the OCR seeds.
    const text = PARAS.join('');
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += 20) lines.push(text.slice(i, i + 20));
    const r = cleanArticle(lines.join('\n\n'));
    const joined = r.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text).join('');
    expect(joined).toBe(text);
  });

  it('wrapped parts join with no space inside CJK text and one space between Latin words', () => {
    expect(joinWrapped('习近平总', '书记')).toBe('习近平总书记');
    expect(joinWrapped('T&T Real', 'Estate')).toBe('T&T Real Estate');
    expect(joinWrapped('LED', '虚拟拍摄')).toBe('LED虚拟拍摄');
  });
});
