// Every setting the app reads, parsed and validated once. `.env.example` documents each one.
import path from 'node:path';
import os from 'node:os';
// zod's tree-shakable "mini" build: the classic one is ~750 KB of JavaScript that every one-question
// CLI call would compile at start-up.
import * as z from 'zod/mini';
import { AppError } from './errors.js';

const bool = z.pipe(
  z.enum(['true', 'false', '1', '0', 'yes', 'no', ''], 'must be true or false'),
  z.transform((v) => v === 'true' || v === '1' || v === 'yes'),
);
const int = (min: number, max: number) =>
  z.coerce.number(`must be a whole number from ${min} to ${max}`).check(
    z.int(`must be a whole number from ${min} to ${max}`),
    z.gte(min, `must be a whole number from ${min} to ${max}`),
    z.lte(max, `must be a whole number from ${min} to ${max}`),
  );
const url = () => z.url('must be a URL');
const idList = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  ),
  z.pipe(
    z.array(z.string().check(z.regex(/^-?\d+$/, 'must be numeric Telegram ids separated by commas'))),
    z.transform((ids) => new Set(ids.map(Number))),
  ),
);
const string = () => z.string();
const def = z._default;
const opt = z.optional;
const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
// Prefixes are used verbatim: "query: " keeps its space.
const VERBATIM = new Set(['EMBEDDING_QUERY_PREFIX', 'EMBEDDING_PASSAGE_PREFIX']);

const schema = z.object({
  CORPUS_DIR: def(string(), 'corpus'),
  CORPUS_MAX_FILE_BYTES: def(int(1024, 1024 ** 3), 4 * 1024 * 1024),
  EMBEDDINGS_DIR: def(string(), 'embeddings'),
  INDEX_LOCK_STALE_MS: def(int(2000, 3_600_000), 60_000),

  EMBEDDING_MODEL: def(string(), 'Xenova/bge-small-zh-v1.5'),
  EMBEDDING_QUANTIZED: def(bool, true),
  MODEL_DIR: opt(string()),
  MODEL_CACHE_DIR: def(string(), path.join(os.homedir(), '.cache', 'coverage-bot', 'models')),
  ALLOW_MODEL_DOWNLOAD: def(bool, true),
  MODEL_LOAD_TIMEOUT_MS: def(int(1000, 600_000), 60_000),
  EMBEDDING_BATCH_SIZE: def(int(1, 256), 8),
  EMBEDDING_POOLING: opt(z.enum(['cls', 'mean'])),
  EMBEDDING_QUERY_PREFIX: opt(string()),
  EMBEDDING_PASSAGE_PREFIX: opt(string()),
  EMBEDDING_MULTILINGUAL: opt(bool),

  CHUNK_MAX_CHARS: def(int(80, 2000), 400),
  CHUNK_OVERLAP_CHARS: def(int(0, 1000), 60),

  HNSW_M: def(int(4, 96), 16),
  HNSW_EF_CONSTRUCTION: def(int(10, 2000), 200),
  // Unset: the ef measured at ingest for this graph (recorded in the manifest); set: always this.
  HNSW_EF_SEARCH: opt(int(10, 2000)),

  SEARCH_TOP_K: def(int(1, 20), 3),
  QUOTE_MAX_CHARS: def(int(80, 1000), 500),
  QUESTION_MAX_CHARS: def(int(20, 4096), 500),

  TELEGRAM_BOT_TOKEN: opt(string()),
  TELEGRAM_API_ROOT: def(url(), 'https://api.telegram.org'),
  WEBHOOK_URL: opt(url()),
  WEBHOOK_SECRET: opt(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z a-z 0-9 _ -'))),
  WEBHOOK_PORT: def(int(1, 65535), 8080),
  WEBHOOK_HOST: def(string(), '0.0.0.0'),
  HEALTH_PORT: opt(int(1, 65535)),
  WEBHOOK_MAX_BODY_BYTES: def(int(1024, 64 * 1024 * 1024), 256 * 1024),
  WEBHOOK_MAX_SOCKETS: def(int(8, 100_000), 500),
  WEBHOOK_TIMEOUT_MS: def(int(500, 600_000), 10_000),
  TELEGRAM_MAX_RETRY_AFTER_S: def(int(1, 3600), 300),
  ALLOWED_USER_IDS: def(idList, new Set<number>()),
  ALLOWED_CHAT_IDS: def(idList, new Set<number>()),
  ADMIN_USER_IDS: def(idList, new Set<number>()),
  BOT_CONCURRENCY: def(int(1, 1000), 16),
  EXAMPLE_QUESTIONS: def(
    z.pipe(
      z.string(),
      z.transform((s) => s.split('|').map((q) => q.trim()).filter(Boolean)),
    ),
    ['永川区委书记是谁？', '2024年江津的陆海新通道班列开了多少列？', '重庆软件产业接下来要实施什么行动计划？'],
  ),

  // Bot state (answers behind buttons, feedback, articles added from the chat): one SQLite file here.
  DATA_DIR: def(string(), 'data'),
  // Intake from the chat (admins only): size limit of a document or fetched page, fetch time limit,
  // and whether /add may fetch private-network and loopback addresses (off: a server-side request forgery guard).
  INTAKE_MAX_MB: def(int(1, 20), 5),
  INTAKE_FETCH_TIMEOUT_MS: def(int(500, 120_000), 15_000),
  INTAKE_ALLOW_PRIVATE_URLS: def(bool, false),

  LOG_LEVEL: def(z.enum(['debug', 'info', 'warn', 'error', 'silent'], 'must be one of ' + ['debug', 'info', 'warn', 'error', 'silent'].join(', ')), 'info'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends AppError {}

/** Parses settings from an env-like object (process.env after dotenv). Throws ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) input[key] = VERBATIM.has(key) ? env[key] || undefined : optional(env[key]);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid setting in .env or the environment: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    throw new ConfigError('WEBHOOK_SECRET is required when WEBHOOK_URL is set (Telegram echoes it on every webhook call).');
  }
  return config;
}

/** A config for tests and tools: defaults plus overrides, no .env involved. */
export function configWith(overrides: Partial<Record<keyof Config, string>>): Config {
  return loadConfig(overrides as NodeJS.ProcessEnv);
}
