// Article metadata, in order of authority: a sidecar `<name>.meta.yaml`, YAML front matter at the top of
// the article, then what the text itself says (first heading, the paper named in a byline).
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { ArticleMeta } from './types.js';

// Loaded on first use: only articles with a sidecar or front matter need a YAML parser, and a start-up
// that finds the index current reads no article at all (the module costs ~50 ms of CPU to load).
let yaml: typeof import('yaml') | undefined;
const parseYaml = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

const metaSchema = z
  .object({
    title: z.string().trim().min(1).optional(),
    paper: z.string().trim().min(1).optional(),
    date: z
      .union([z.string(), z.date()])
      .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d.trim()))
      .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date must look like 2024, 2024-04 or 2024-04-26'))
      .optional(),
    url: z.string().url().optional(),
  })
  .passthrough();

export type PartialMeta = Partial<Omit<ArticleMeta, 'file'>>;

export class MetadataError extends Error {}

/** Validates a parsed YAML object; `where` names the file for the error message. */
export function parseMeta(yamlText: string, where: string): PartialMeta {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (e) {
    throw new MetadataError(`${where}: invalid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (raw === null || raw === undefined) return {};
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new MetadataError(`${where}: ${why}`);
  }
  const { title, paper, date, url } = parsed.data;
  return Object.fromEntries(Object.entries({ title, paper, date, url }).filter(([, v]) => v !== undefined));
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\nyaml\n---` off the top of a text. */
export function splitFrontMatter(text: string, where: string): { meta: PartialMeta; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { meta: {}, body: text };
  return { meta: parseMeta(m[1] ?? '', where), body: text.slice(m[0].length) };
}

/** The paper a byline names: "（新重庆-重庆日报记者 …）", "本报讯(渝西都市报记者 …)". */
export function paperFromText(text: string): string | undefined {
  const m = /(?:^|[（(\-－\s])([\u4e00-\u9fff]{2,8}?(?:日报|晚报|都市报|时报|商报|新报|报))(?:社)?(?:首席)?(?:见习)?记者/m.exec(text);
  return m?.[1];
}

/** A full date written in the text's dateline, e.g. "2024年4月26日" near the top. */
export function dateFromText(text: string): string | undefined {
  const m = /(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日/.exec(text.slice(0, 300));
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

export function completeMeta(file: string, ...sources: PartialMeta[]): ArticleMeta {
  const merged: PartialMeta = {};
  for (const s of sources) {
    for (const [k, v] of Object.entries(s)) {
      if (v !== undefined && (merged as Record<string, unknown>)[k] === undefined) {
        (merged as Record<string, unknown>)[k] = v;
      }
    }
  }
  const meta: ArticleMeta = {
    file,
    title: merged.title ?? file.replace(/\.(txt|md|markdown)$/i, ''),
    paper: merged.paper ?? '',
    date: merged.date ?? '',
  };
  if (merged.url) meta.url = merged.url;
  return meta;
}
