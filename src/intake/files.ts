// Articles added from the chat land in corpus/ like any other: `<NNN>_<hash>.txt` plus a
// `.meta.yaml` sidecar holding the title, paper, date and url as detected (or corrected later).
// Files are written under a dot-name first and renamed, so an ingest never reads half a file.
import { createHash } from 'node:crypto';
import { readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { sidecarName } from '../corpus/load.js';
import { IntakeError } from './extract.js';

export interface SidecarMeta {
  title?: string;
  paper?: string;
  date?: string;
  url?: string;
}

const SAFE_NAME = /^[\w-]+\.(txt|md)$/;
export const DATE_INPUT = /^\d{4}(-\d{2}(-\d{2})?)?$/;

async function writeAtomic(dir: string, name: string, content: string): Promise<void> {
  const tmp = path.join(dir, `.${name}.${process.pid}.partial`);
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, path.join(dir, name));
}

function sidecarText(meta: SidecarMeta): string {
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  return `# Added from the chat; edit freely (title, paper, date, url).\n${stringify(clean)}`;
}

/** Writes a new article and its sidecar; returns the file name. Refuses a text already in the corpus. */
export async function addArticle(dir: string, text: string, meta: SidecarMeta): Promise<string> {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const names = await readdir(dir);
  if (names.some((n) => n.includes(`_${hash}.`))) throw new IntakeError('this text is already in the coverage');
  const next = Math.max(-1, ...names.map((n) => /^(\d+)_/.exec(n)).filter((m) => m !== null).map((m) => Number(m[1]))) + 1;
  const file = `${String(next).padStart(3, '0')}_${hash}.txt`;
  await writeAtomic(dir, sidecarName(file), sidecarText(meta));
  await writeAtomic(dir, file, text.endsWith('\n') ? text : `${text}\n`);
  return file;
}

function checkName(file: string): void {
  if (!SAFE_NAME.test(file)) throw new IntakeError(`not an article file name: ${file}`);
}

/** Changes fields of an article's sidecar (creating it if needed). */
export async function updateMeta(dir: string, file: string, patch: SidecarMeta): Promise<void> {
  checkName(file);
  await readFile(path.join(dir, file)); // the article must still exist
  let current: SidecarMeta = {};
  try {
    const parsed = parseYaml(await readFile(path.join(dir, sidecarName(file)), 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object') current = parsed as SidecarMeta;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await writeAtomic(dir, sidecarName(file), sidecarText({ ...current, ...patch }));
}

/** Deletes an article and its sidecar; false when it was already gone. */
export async function removeArticle(dir: string, file: string): Promise<boolean> {
  checkName(file);
  let removed = true;
  await unlink(path.join(dir, file)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    removed = false;
  });
  await unlink(path.join(dir, sidecarName(file))).catch(() => undefined);
  return removed;
}
