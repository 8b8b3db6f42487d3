// Shared plumbing of the command-line entry points: .env loading, and turning expected failures into
// one clear line (no stack trace) with a non-zero exit code.
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { CorpusError } from '../corpus/load.js';
import { EmptyCorpusError } from '../index/ingest.js';
import { IndexCorruptError, IndexMissingError } from '../index/store.js';
import { log, redact, setLogLevel } from '../log.js';

export function setup(): Config {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  redact(config.TELEGRAM_BOT_TOKEN);
  redact(config.WEBHOOK_SECRET);
  return config;
}

const EXPECTED = [ConfigError, CorpusError, EmptyCorpusError, IndexCorruptError, IndexMissingError];

export function main(fn: () => Promise<void>): void {
  fn().catch((e: unknown) => {
    if (EXPECTED.some((E) => e instanceof E)) {
      log.error((e as Error).message);
    } else {
      log.error(`unexpected failure: ${(e as Error)?.message ?? String(e)} (run with LOG_LEVEL=debug for details)`);
      log.debug((e as Error)?.stack ?? '');
    }
    process.exitCode = 1;
  });
}
