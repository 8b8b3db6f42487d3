// Bytes → text. Chinese newsroom files are UTF-8 or GBK/GB18030 (sometimes UTF-16 with a BOM);
// anything else is refused with a message naming the file rather than indexed as mojibake. A decoding
// must also read as Chinese or English: GB18030 accepts almost any byte pairs, so Shift-JIS or EUC-KR
// bytes decode "validly" into rare characters (Shift-JIS) or into common ones in no sensible order
// (EUC-KR). Real Chinese text is mostly common characters, with the most frequent ones (的 是 在 …)
// making up a large share; Japanese and Korean text decoded correctly shows kana or hangul.

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

let commonHan: Set<number> | undefined;

/** The most used characters: GB2312 level 1 (3,755 simplified) and Big5 level 1 (5,401 traditional). */
function common(): Set<number> {
  if (commonHan) return commonHan;
  const set = new Set<number>();
  const add = (decoder: { decode(b: Uint8Array): string }, leads: [number, number], trails: Array<[number, number]>) => {
    for (let a = leads[0]; a <= leads[1]; a++) {
      for (const [lo, hi] of trails) {
        for (let b = lo; b <= hi; b++) {
          const c = decoder.decode(Uint8Array.of(a, b)).codePointAt(0)!;
          if (c >= 0x3400 && c !== 0xfffd) set.add(c);
        }
      }
    }
  };
  add(new TextDecoder('gb18030'), [0xb0, 0xd7], [[0xa1, 0xfe]]);
  add(new TextDecoder('big5'), [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]]);
  return (commonHan = set);
}

// The most frequent characters of Chinese news text (simplified and traditional forms).
const FREQUENT = new Set(
  [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信系例保连'.replace(/\s/g, '')]
    .concat([...'這個們來為國說時會對過發後裡種經與關機當現實從業還應開數線內問頭記點親愛'])
    .map((c) => c.codePointAt(0)!),
);

/** Why a decoded text is not plausible Chinese or English, or undefined when it is. */
export function implausible(text: string): string | undefined {
  let han = 0;
  let commonCount = 0;
  let frequent = 0;
  let kana = 0;
  let hangul = 0;
  let replacement = 0;
  const set = common();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x3134f)) {
      han++;
      if (set.has(c)) commonCount++;
      if (FREQUENT.has(c)) frequent++;
    } else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    else if (c === 0xfffd) replacement++;
  }
  if (replacement > 0) return `contains ${replacement} undecodable character(s) (U+FFFD)`;
  const cjk = han + kana + hangul;
  if (kana + hangul >= 10 && kana + hangul > 0.05 * cjk) return `reads as ${kana >= hangul ? 'Japanese' : 'Korean'} text, not Chinese or English`;
  if (han >= 30 && commonCount < 0.8 * han) {
    return `decodes mostly to rare characters (${Math.round((100 * commonCount) / han)}% common): another encoding such as Shift-JIS or Big5-HKSCS?`;
  }
  if (han >= 100 && frequent < 0.2 * han) {
    return `decodes to characters in no Chinese order (${Math.round((100 * frequent) / han)}% everyday function characters): another encoding such as EUC-KR?`;
  }
  return undefined;
}

const REFUSED = 'convert it to UTF-8 (e.g. `iconv -f <encoding> -t UTF-8`)';

function accept(file: string, d: Decoded): Decoded {
  const why = implausible(d.text);
  if (!why) return d;
  // Read in a Unicode encoding, Japanese or Korean text is what the file holds: no conversion helps.
  if (d.encoding !== 'gb18030' && /^reads as/.test(why)) throw new UnreadableFileError(file, `${why}; only Chinese and English articles are indexed`);
  throw new UnreadableFileError(file, `decoded as ${d.encoding}, ${why}; ${REFUSED}`);
}

export function decodeText(file: string, bytes: Uint8Array): Decoded {
  const decoded = decodeBytes(file, bytes);
  return accept(file, decoded);
}

function decodeBytes(file: string, bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new UnreadableFileError(file, 'the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode(file, 'utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode(file, 'utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
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
  throw new UnreadableFileError(file, `is neither UTF-8 nor GBK/GB18030 text; ${REFUSED}`);
}

function strictDecode(file: string, encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFileError(file, `starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}; ${REFUSED}`);
  }
}
