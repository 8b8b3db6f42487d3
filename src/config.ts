// Every setting the app reads, parsed and validated once. `.env.example` documents each one.
import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';
import { AppError } from './errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const idList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^-?\d+$/, 'must be numeric Telegram ids separated by commas')))
  .transform((ids) => new Set(ids.map(Number)));
const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
// Prefixes are used verbatim: "query: " keeps its space.
const VERBATIM = new Set(['EMBEDDING_QUERY_PREFIX', 'EMBEDDING_PASSAGE_PREFIX']);

const schema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  CORPUS_MAX_FILE_BYTES: int(1024, 1024 ** 3).default(4 * 1024 * 1024),
  EMBEDDINGS_DIR: z.string().default('embeddings'),
  INDEX_LOCK_STALE_MS: int(2000, 3_600_000).default(60_000),

  EMBEDDING_MODEL: z.string().default('Xenova/bge-small-zh-v1.5'),
  EMBEDDING_QUANTIZED: bool.default(true),
  MODEL_DIR: z.string().optional(),
  MODEL_CACHE_DIR: z.string().default(path.join(os.homedir(), '.cache', 'coverage-bot', 'models')),
  ALLOW_MODEL_DOWNLOAD: bool.default(true),
  MODEL_LOAD_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  EMBEDDING_BATCH_SIZE: int(1, 256).default(8),
  EMBEDDING_POOLING: z.enum(['cls', 'mean']).optional(),
  EMBEDDING_QUERY_PREFIX: z.string().optional(),
  EMBEDDING_PASSAGE_PREFIX: z.string().optional(),
  EMBEDDING_MULTILINGUAL: bool.optional(),

  CHUNK_MAX_CHARS: int(80, 2000).default(400),
  CHUNK_OVERLAP_CHARS: int(0, 1000).default(60),

  HNSW_M: int(4, 96).default(16),
  HNSW_EF_CONSTRUCTION: int(10, 2000).default(200),
  // Unset: the ef measured at ingest for this graph (recorded in the manifest); set: always this.
  HNSW_EF_SEARCH: int(10, 2000).optional(),

  SEARCH_TOP_K: int(1, 20).default(3),
  QUOTE_MAX_CHARS: int(80, 1000).default(500),
  QUESTION_MAX_CHARS: int(20, 4096).default(500),

  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  WEBHOOK_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  WEBHOOK_PORT: int(1, 65535).default(8080),
  WEBHOOK_HOST: z.string().default('0.0.0.0'),
  HEALTH_PORT: int(1, 65535).optional(),
  WEBHOOK_MAX_BODY_BYTES: int(1024, 64 * 1024 * 1024).default(256 * 1024),
  WEBHOOK_MAX_SOCKETS: int(8, 100_000).default(500),
  WEBHOOK_TIMEOUT_MS: int(500, 600_000).default(10_000),
  TELEGRAM_MAX_RETRY_AFTER_S: int(1, 3600).default(300),
  ALLOWED_USER_IDS: idList.default(new Set<number>()),
  ALLOWED_CHAT_IDS: idList.default(new Set<number>()),
  ADMIN_USER_IDS: idList.default(new Set<number>()),
  BOT_CONCURRENCY: int(1, 1000).default(16),
  EXAMPLE_QUESTIONS: z
    .string()
    .transform((s) => s.split('|').map((q) => q.trim()).filter(Boolean))
    .default(['永川区委书记是谁？', '2024年江津的陆海新通道班列开了多少列？', '重庆软件产业接下来要实施什么行动计划？']),

  // Bot state (answers behind buttons, feedback, articles added from the chat): one SQLite file here.
  DATA_DIR: z.string().default('data'),
  // Intake from the chat (admins only): size limit of a document or fetched page, fetch time limit,
  // and whether /add may fetch private-network and loopback addresses (off: a server-side request forgery guard).
  INTAKE_MAX_MB: int(1, 20).default(5),
  INTAKE_FETCH_TIMEOUT_MS: int(500, 120_000).default(15_000),
  INTAKE_ALLOW_PRIVATE_URLS: bool.default(false),

  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
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
