// Shared plumbing of the command-line entry points: .env loading, and turning expected failures into
// one clear line (no stack trace) with a non-zero exit code.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { log, redact, setLogLevel } from '../log.js';

export function setup(): Config {
  // dotenv only when there is a .env to read: it loads node:crypto (for encrypted files, ~15 ms of a
  // one-question start-up), and a call from a script usually has its settings in the environment.
  if (existsSync('.env')) (createRequire(import.meta.url)('dotenv') as typeof import('dotenv')).config({ quiet: true });
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  redact(config.TELEGRAM_BOT_TOKEN);
  redact(config.WEBHOOK_SECRET);
  return config;
}

export function main(fn: () => Promise<void>): void {
  fn().catch((e: unknown) => {
    if (e instanceof AppError) {
      log.error((e as Error).message);
    } else {
      log.error(`unexpected failure: ${(e as Error)?.message ?? String(e)} (run with LOG_LEVEL=debug for details)`);
      log.debug((e as Error)?.stack ?? '');
    }
    process.exitCode = 1;
  });
}
