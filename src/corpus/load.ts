// corpus/ folder → Articles. Every readable .txt/.md file is an article; a file that cannot be read or
// decoded is reported by name and skipped, and the rest of the corpus still loads. Only regular files of
// bounded size are read: a FIFO would block the reader forever and a link to /dev/zero never ends, so
// the type and size are checked before anything is read, and again on the opened file.
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { createRequire } from 'node:module';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { log } from '../log.js';
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
  /** Articles loaded with part of their metadata left out (e.g. an impossible date); also logged. */
  warnings: CorpusProblem[];
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

export interface CorpusLimits {
  /** Larger files are skipped with a message (CORPUS_MAX_FILE_BYTES). */
  maxFileBytes: number;
}

let limits: CorpusLimits = { maxFileBytes: 4 * 1024 * 1024 };

/** Sets the limits every later read uses (start-up passes the settings). */
export function setCorpusLimits(next: CorpusLimits): void {
  limits = { ...next };
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Bytes of a regular file (a symlink is judged by its target) of at most `limits.maxFileBytes`. */
export async function readBounded(file: string, name: string): Promise<Buffer> {
  const max = limits.maxFileBytes;
  const check = (st: Stats) => {
    if (!st.isFile()) throw new UnreadableFileError(name, `is ${kindOf(st)}, not a regular file; skipped`);
    if (st.size > max) throw new UnreadableFileError(name, `is ${st.size} bytes, over CORPUS_MAX_FILE_BYTES (${max}); skipped`);
  };
  check(await stat(file));
  // O_NONBLOCK: should the path have become a FIFO since the check, opening it still returns at once.
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    check(await fh.stat());
    const buf = Buffer.alloc(max + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, size, buf.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > max) throw new UnreadableFileError(name, `grew over CORPUS_MAX_FILE_BYTES (${max}) while being read; skipped`);
    }
    return Buffer.from(buf.subarray(0, size));
  } finally {
    await fh.close();
  }
}

async function readOptional(file: string, name: string): Promise<Buffer | undefined> {
  try {
    return await readBounded(file, name);
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
  const bytes = await readBounded(path.join(dir, file), file);
  const sidecar = sidecarName(file);
  return { bytes, sidecarName: sidecar, sidecarBytes: await readOptional(path.join(dir, sidecar), sidecar) };
}

/** Identity of an article's content: changes whenever the text or its metadata change. */
export function articleHash({ bytes, sidecarBytes }: ArticleFiles): string {
  // node:crypto is loaded here, not at import: a question asked against a current index never hashes an article.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256').update(bytes);
  if (sidecarBytes) hash.update(sidecarBytes);
  return hash.digest('hex');
}

/** One article; metadata problems that do not stop it from loading are pushed to `warnings`. */
export async function loadArticle(dir: string, file: string, warnings: string[] = []): Promise<Article> {
  const files = await readArticleFiles(dir, file);
  const { bytes, sidecarName, sidecarBytes } = files;
  const { text: decoded } = decodeText(file, bytes);
  const { meta: front, body } = splitFrontMatter(decoded, file, warnings);
  const sidecar = sidecarBytes ? parseMeta(sidecarBytes.toString('utf8'), sidecarName, warnings) : {};
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
  const warnings: CorpusProblem[] = [];
  for (const file of files) {
    try {
      const notes: string[] = [];
      articles.push(await loadArticle(dir, file, notes));
      for (const message of notes) {
        log.warn(message);
        warnings.push({ file, message });
      }
    } catch (e) {
      if (e instanceof UnreadableFileError || e instanceof MetadataError) {
        problems.push({ file, message: e.message });
      } else {
        const err = e as NodeJS.ErrnoException;
        problems.push({ file, message: `${file}: cannot read (${err.code ?? err.message})` });
      }
    }
  }
  return { articles, problems, warnings };
}
