// Bytes → text. Chinese newsroom files are UTF-8 or GBK/GB18030 (sometimes UTF-16 with a BOM);
// anything else is refused with a message naming the file rather than indexed as mojibake.

export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** Share of characters that look like text (CJK, ASCII printable, common punctuation, whitespace). */
function textLikeShare(text: string): number {
  if (text.length === 0) return 1;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      (c >= 0x3000 && c <= 0x303f) || // CJK punctuation
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0xff00 && c <= 0xffef) || // full-width forms
      (c >= 0x2000 && c <= 0x206f) || // general punctuation (quotes, dashes)
      (c >= 0x2460 && c <= 0x24ff) // circled numbers used in captions
    ) {
      good++;
    }
  }
  return good / [...text].length;
}

export function decodeText(file: string, bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new UnreadableFileError(file, 'the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) throw new UnreadableFileError(file, 'looks like a binary file (contains NUL bytes), not text');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the GB family, which covers GB2312 and GBK
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    // GB18030 maps almost any byte sequence to something; accept it only if it reads as text.
    if (textLikeShare(text) >= 0.9) return { text, encoding: 'gb18030' };
  } catch {
    // fall through to the refusal
  }
  throw new UnreadableFileError(
    file,
    'is neither UTF-8 nor GBK/GB18030 text; convert it to UTF-8 (e.g. `iconv -f <encoding> -t UTF-8`)',
  );
}
