// Article metadata, in order of authority: a sidecar `<name>.meta.yaml`, YAML front matter at the top of
// the article, then what the text itself says (first heading, the paper named in a byline). Metadata is
// small: a block over META_MAX_BYTES or META_MAX_KEYS is refused before the YAML parser sees it (its cost
// grows faster than linearly with the number of keys). A date that is not a real calendar date is dropped
// with a warning and the rest of the metadata is kept.
import { createRequire } from 'node:module';
import * as z from 'zod/mini';
import type { ArticleMeta } from './types.js';

// Loaded on first use: only articles with a sidecar or front matter need a YAML parser, and a start-up
// that finds the index current reads no article at all (the module costs ~50 ms of CPU to load).
let yaml: typeof import('yaml') | undefined;
const parseYaml = (text: string, options: { maxAliasCount: number }): unknown =>
  (yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text, options);

export const META_MAX_BYTES = 16 * 1024;
export const META_MAX_KEYS = 64;

/** "2024", "2024-04" or "2024-04-26" naming a real month and day. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dateSchema = z.pipe(
  z.pipe(
    z.union([z.string(), z.date()], 'date must be text or a YAML date'),
    z.transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d.trim())),
  ),
  z.string().check(z.refine(isCalendarDate, 'date must be a real date written 2024, 2024-04 or 2024-04-26')),
);

const text = () => z.optional(z.string('must be text').check(z.trim(), z.minLength(1, 'must not be empty')));
const metaSchema = z.looseObject({
  title: text(),
  paper: text(),
  date: z.optional(z.unknown()),
  url: z.optional(z.url('must be a URL')),
});

export type PartialMeta = Partial<Omit<ArticleMeta, 'file'>>;

export class MetadataError extends Error {}

/** Lines that start a mapping key: an upper bound on the keys YAML will find in block style. */
function keyLines(text: string, stopAfter: number): number {
  let n = 0;
  for (const _ of text.matchAll(/^[ \t]*(?:-[ \t]+)?[^\s#][^\n]*?:(?:[ \t]|$)/gm)) if (++n > stopAfter) break;
  return n;
}

/**
 * Validates metadata YAML; `where` names the file for the error message. Problems with the date are
 * pushed to `warnings` (the date is left out); any other problem is a MetadataError.
 */
export function parseMeta(yamlText: string, where: string, warnings: string[] = []): PartialMeta {
  const bytes = Buffer.byteLength(yamlText);
  if (bytes > META_MAX_BYTES) throw new MetadataError(`${where}: metadata of ${bytes} bytes is over the ${META_MAX_BYTES} allowed`);
  if (keyLines(yamlText, META_MAX_KEYS) > META_MAX_KEYS) throw new MetadataError(`${where}: metadata has more than ${META_MAX_KEYS} keys`);
  let raw: unknown;
  try {
    raw = parseYaml(yamlText, { maxAliasCount: 10 });
  } catch (e) {
    throw new MetadataError(`${where}: invalid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (raw === null || raw === undefined) return {};
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new MetadataError(`${where}: ${why}`);
  }
  const { title, paper, url } = parsed.data;
  let date: string | undefined;
  if (parsed.data.date !== undefined && parsed.data.date !== null) {
    const d = dateSchema.safeParse(parsed.data.date);
    if (d.success) date = d.data;
    else warnings.push(`${where}: date ${JSON.stringify(String(parsed.data.date)).slice(0, 40)} ignored (${d.error.issues[0]!.message}); the rest of the metadata is kept`);
  }
  return Object.fromEntries(Object.entries({ title, paper, date, url }).filter(([, v]) => v !== undefined));
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\nyaml\n---` off the top of a text. */
export function splitFrontMatter(text: string, where: string, warnings: string[] = []): { meta: PartialMeta; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { meta: {}, body: text };
  return { meta: parseMeta(m[1] ?? '', where, warnings), body: text.slice(m[0].length) };
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
