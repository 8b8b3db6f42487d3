// Encoders for Shift-JIS, EUC-KR and Big5 test files, built by inverting the platform's decoders over
// their two-byte ranges (Node decodes these encodings but has no encoder for them).
const tables = new Map<string, Map<string, number[]>>();

function build(encoding: string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      let ch: string;
      try {
        ch = decoder.decode(Uint8Array.from([lead, trail]));
      } catch {
        continue;
      }
      if ([...ch].length === 1 && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return map;
}

/** Encodes text in a legacy two-byte encoding; throws on a character it cannot represent. */
export function encodeLegacy(text: string, encoding: 'shift_jis' | 'euc-kr' | 'big5'): Uint8Array {
  let table = tables.get(encoding);
  if (!table) tables.set(encoding, (table = build(encoding)));
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`no ${encoding} code for ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
