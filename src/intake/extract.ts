// Article text out of what an editor sends: a .txt/.md file (decoded like the corpus: UTF-8, GBK,
// UTF-16), a .docx (mammoth), or a web page (Readability over linkedom's DOM). The result is plain
// text with blank lines between paragraphs, plus whatever metadata the source states.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { UnreadableFileError, decodeText } from '../corpus/decode.js';

export interface Extracted {
  text: string;
  title?: string;
  paper?: string;
  /** ISO date (or partial) when the source states one. */
  date?: string;
  url?: string;
}

export const DOCUMENT_TYPES = /\.(txt|md|markdown|docx)$/i;

export class IntakeError extends Error {}

/** Text of an uploaded document; throws IntakeError with a reason a person can act on. */
export async function extractDocument(fileName: string, bytes: Buffer): Promise<Extracted> {
  if (!DOCUMENT_TYPES.test(fileName)) throw new IntakeError('unsupported');
  if (/\.docx$/i.test(fileName)) {
    // A .docx is a ZIP archive: anything else is refused before the converter sees it.
    if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new IntakeError('not a Word (.docx) document');
    let value: string;
    try {
      ({ value } = await mammoth.extractRawText({ buffer: bytes }));
    } catch (e) {
      throw new IntakeError(`not a readable Word document (${(e as Error).message.split('\n')[0]})`);
    }
    return { text: normalise(value) };
  }
  try {
    return { text: normalise(decodeText(fileName, bytes).text) };
  } catch (e) {
    if (e instanceof UnreadableFileError) throw new IntakeError(e.message.replace(`${fileName}: `, ''));
    throw e;
  }
}

/** Main text and metadata of an HTML page. */
export function extractPage(html: string, url: string): Extracted {
  const { document } = parseHTML(html);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content')?.trim() || undefined;
  const published = meta('meta[property="article:published_time"]') ?? meta('meta[name="pubdate"]') ?? meta('meta[name="publishdate"]');
  const site = meta('meta[property="og:site_name"]');
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!article?.content) return { text: '', url };
  const { document: body } = parseHTML(`<html><body>${article.content}</body></html>`);
  const blocks = [...body.querySelectorAll('h1,h2,h3,h4,h5,h6,p,li,blockquote,pre')]
    .filter((el) => !el.querySelector('p'))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const text = blocks.length ? blocks.join('\n\n') : (article.textContent ?? '');
  const date = isoDate(article.publishedTime ?? published);
  const paper = (article.siteName ?? site)?.trim();
  const title = headline(article.title?.trim(), document.querySelector('h1')?.textContent?.trim(), paper);
  return { text: normalise(text), url, ...(title ? { title } : {}), ...(paper ? { paper } : {}), ...(date ? { date } : {}) };
}

/**
 * The headline without the site's name: Readability only trims "Headline - Site" when the rest is
 * several words, which Chinese titles (no spaces) never are. The page's <h1> wins when the title holds it.
 */
function headline(title: string | undefined, h1: string | undefined, site: string | undefined): string | undefined {
  if (h1 && title?.includes(h1)) return h1;
  if (!title) return h1 || undefined;
  const parts = title.split(/\s*[|_–—-]\s*|\s+-\s+/).filter(Boolean);
  if (parts.length > 1 && site && parts[parts.length - 1] === site) return parts.slice(0, -1).join(' - ');
  return title;
}

function isoDate(s: string | null | undefined): string | undefined {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim()) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
