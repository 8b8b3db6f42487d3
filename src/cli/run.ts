// Shared plumbing of the command-line entry points: .env loading, and turning expected failures into
// one clear line (no stack trace) with a non-zero exit code.
import dotenv from 'dotenv';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { log, redact, setLogLevel } from '../log.js';

export function setup(): Config {
  dotenv.config({ quiet: true });
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
