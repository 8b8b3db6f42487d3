// corpus/ folder → Articles. Every readable .txt/.md file is an article; a file that cannot be read or
// decoded is reported by name and skipped, and the rest of the corpus still loads.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { cleanArticle } from './clean.js';
import { UnreadableFileError, decodeText } from './decode.js';
import { dateInText, leadTitle } from './dates.js';
import { MetadataError, completeMeta, paperFromText, parseMeta, splitFrontMatter } from './metadata.js';
import type { Article } from './types.js';

export const ARTICLE_EXTENSIONS = /\.(txt|md|markdown)$/i;
const SIDECAR_SUFFIX = '.meta.yaml';

export interface CorpusProblem {
  file: string;
  message: string;
}

export interface LoadedCorpus {
  articles: Article[];
  problems: CorpusProblem[];
}

export class CorpusError extends AppError {}

export interface CorpusListing {
  /** Article files, sorted (so ids and output are stable across machines). */
  articles: string[];
  /** Sidecar files present. */
  sidecars: Set<string>;
}

export async function listCorpus(dir: string): Promise<CorpusListing> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CorpusError(
      code === 'ENOENT' ? `corpus folder not found: ${dir}` : `cannot read corpus folder ${dir}: ${(e as Error).message}`,
    );
  }
  return {
    articles: names.filter((n) => ARTICLE_EXTENSIONS.test(n) && !n.startsWith('.')).sort(),
    sidecars: new Set(names.filter((n) => n.endsWith(SIDECAR_SUFFIX))),
  };
}

export async function listArticleFiles(dir: string): Promise<string[]> {
  return (await listCorpus(dir)).articles;
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export interface ArticleFiles {
  bytes: Buffer;
  sidecarName: string;
  sidecarBytes: Buffer | undefined;
}

/** The raw bytes of an article and of its optional sidecar. */
/** `<name>.meta.yaml` beside `<name>.txt`. */
export function sidecarName(file: string): string {
  return file.replace(ARTICLE_EXTENSIONS, SIDECAR_SUFFIX);
}

export async function readArticleFiles(dir: string, file: string): Promise<ArticleFiles> {
  const bytes = await readFile(path.join(dir, file));
  const sidecar = sidecarName(file);
  return { bytes, sidecarName: sidecar, sidecarBytes: await readOptional(path.join(dir, sidecar)) };
}

/** Identity of an article's content: changes whenever the text or its metadata change. */
export function articleHash({ bytes, sidecarBytes }: ArticleFiles): string {
  const hash = createHash('sha256').update(bytes);
  if (sidecarBytes) hash.update(sidecarBytes);
  return hash.digest('hex');
}

export async function loadArticle(dir: string, file: string): Promise<Article> {
  const files = await readArticleFiles(dir, file);
  const { bytes, sidecarName, sidecarBytes } = files;
  const { text: decoded } = decodeText(file, bytes);
  const { meta: front, body } = splitFrontMatter(decoded, file);
  const sidecar = sidecarBytes ? parseMeta(sidecarBytes.toString('utf8'), sidecarName) : {};
  const cleaned = cleanArticle(body);
  if (!cleaned.blocks.some((b) => b.kind === 'paragraph')) {
    throw new UnreadableFileError(file, 'contains no paragraphs of text to index');
  }
  const inferred = {
    // Never the file name: the headline, else the opening sentence.
    title: cleaned.titleFromText ?? leadTitle(cleaned.text),
    paper: paperFromText(body),
    date: dateInText(body),
  };
  return {
    meta: completeMeta(file, sidecar, front, inferred),
    text: cleaned.text,
    blocks: cleaned.blocks,
    hash: articleHash(files),
  };
}

export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  for (const file of files) {
    try {
      articles.push(await loadArticle(dir, file));
    } catch (e) {
      if (e instanceof UnreadableFileError || e instanceof MetadataError) {
        problems.push({ file, message: e.message });
      } else {
        const err = e as NodeJS.ErrnoException;
        problems.push({ file, message: `${file}: cannot read (${err.code ?? err.message})` });
      }
    }
  }
  return { articles, problems };
}
