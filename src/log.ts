// Minimal levelled logger on stderr (stdout belongs to answers and JSON). Secrets registered with
// `redact` are masked in every line, so a token can never reach a log.
type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let threshold = ORDER.info;
const secrets: string[] = [];

export function setLogLevel(level: Level): void {
  threshold = ORDER[level];
}

export function redact(secret: string | undefined): void {
  if (secret && secret.length >= 6) secrets.push(secret);
}

export function mask(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  // Bot tokens also travel inside URLs (…/bot<token>/method): mask that shape whatever the token.
  return out.replace(/bot\d{3,}:[A-Za-z0-9_-]{20,}/g, 'bot***');
}

function write(level: Level, msg: string): void {
  if (ORDER[level] < threshold) return;
  process.stderr.write(mask(`${level === 'info' ? '' : `[${level}] `}${msg}`) + '\n');
}

export const log = {
  debug: (m: string) => write('debug', m),
  info: (m: string) => write('info', m),
  warn: (m: string) => write('warn', m),
  error: (m: string) => write('error', m),
};
