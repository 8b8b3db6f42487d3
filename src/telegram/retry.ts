// Outgoing Bot API calls survive what Telegram and networks do, without sending an answer twice.
// Each failure is classified by what it says about delivery:
// - not sent (connection refused, DNS): retried with backoff, it cannot duplicate;
// - rate limited (429): retried after the `retry_after` Telegram asks for, up to a bound (default 5 min);
//   the caller awaits, so a chat's later messages stay behind it (the scheduler runs one chat in order);
// - server error (5xx): Telegram answered without doing it: retried with backoff;
// - maybe delivered (reset or timeout after the request went out): idempotent methods are retried, but a
//   send is not (at most once: a duplicate answer is never sent blindly) — DeliveryUncertainError;
// - answered but unreadable (a 2xx/4xx whose body does not parse): Telegram did process it; treated as
//   delivered for sends (DeliveryUncertainError with `delivered: true`), retried for idempotent methods;
// - rejected (400, 403 …): fails at once.
// getUpdates is left to telegraf's polling loop, which has its own retry.
import type { Telegram } from 'telegraf';
import { log } from '../log.js';

export interface RetryPolicy {
  /** Attempts for 5xx and network failures (the first call included). */
  attempts: number;
  /** First backoff for 5xx and network errors; doubles each attempt. */
  baseDelayMs: number;
  /** Longest `retry_after` waited out; a longer one gives up. */
  maxRetryAfterMs: number;
  /** 429s waited out per call before giving up. */
  rateLimitRetries: number;
  /** A call with no answer by then is abandoned (and counts as "maybe delivered"). */
  timeoutMs: number;
  /** Injectable so tests can "wait" five minutes at once. */
  sleep: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxRetryAfterMs: 300_000,
  rateLimitRetries: 8,
  timeoutMs: 60_000,
  sleep: realSleep,
};

let defaults: RetryPolicy = DEFAULT_RETRY;

/** Sets the policy used by later `installRetry` calls without one (start-up reads it from the settings). */
export function setRetryDefaults(policy: Partial<RetryPolicy>): void {
  defaults = { ...DEFAULT_RETRY, ...policy };
}

export type FailureKind = 'not-sent' | 'rate-limited' | 'server-error' | 'maybe-delivered' | 'unreadable-answer' | 'rejected';

interface ApiErrorShape {
  code?: number | string;
  type?: string;
  response?: { error_code?: number; parameters?: { retry_after?: number } };
  name?: string;
  message?: string;
}

/** What a failed call says about whether Telegram carried it out. */
export function classifyFailure(e: unknown): FailureKind {
  const err = (e ?? {}) as ApiErrorShape;
  const status = err.response?.error_code;
  if (status === 429) return 'rate-limited';
  if (status !== undefined) return status >= 500 ? 'server-error' : 'rejected';
  const text = `${err.code ?? ''} ${err.message ?? ''}`;
  // node-fetch: the answer arrived but its body could not be read or parsed.
  if (err.type === 'invalid-json' || /Invalid response body/i.test(text)) return 'unreadable-answer';
  // The request never left: nothing to duplicate.
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(text)) return 'not-sent';
  // Gone after the request was written: Telegram may have processed it.
  if (err.name === 'AbortError' || err.name === 'FetchError' || /ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|timeout|network/i.test(text)) {
    return 'maybe-delivered';
  }
  return 'rejected';
}

/** Methods whose repetition would show the user something twice. */
export function isIdempotent(method: string): boolean {
  return method === 'sendChatAction' || !/^(send|forward|copy)/.test(method);
}

/** A send that failed in a way that may (or, with `delivered`, did) reach the user: never resent. */
export class DeliveryUncertainError extends Error {
  override name = 'DeliveryUncertainError';
  constructor(
    readonly method: string,
    readonly delivered: boolean,
    cause: unknown,
  ) {
    const why = (cause as Error)?.name === 'AbortError' ? 'no answer in time' : ((cause as Error)?.message ?? String(cause));
    super(`${method} ${delivered ? 'was answered with an unreadable body' : 'may have been delivered'} (${why}); not sent again`);
  }
}

/** How long to wait before retrying this failure, or undefined when it must not be retried. */
export function retryDelay(e: unknown, attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxRetryAfterMs'>, method = 'getMe'): number | undefined {
  const kind = classifyFailure(e);
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  switch (kind) {
    case 'rate-limited': {
      const ms = ((e as ApiErrorShape).response?.parameters?.retry_after ?? 1) * 1000;
      return ms <= policy.maxRetryAfterMs ? ms : undefined;
    }
    case 'not-sent':
    case 'server-error':
      return backoff;
    case 'maybe-delivered':
    case 'unreadable-answer':
      return isIdempotent(method) ? backoff : undefined;
    default:
      return undefined;
  }
}

export function installRetry(telegram: Telegram, policy: Partial<RetryPolicy> = {}): void {
  const p: RetryPolicy = { ...defaults, ...policy };
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: string, payload: unknown, opts?: { signal?: AbortSignal }) => {
    if (method === 'getUpdates') return call(method as never, payload as never, opts as never);
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      const timeout = AbortSignal.timeout(p.timeoutMs);
      const signal = opts?.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      try {
        return await call(method as never, payload as never, { ...opts, signal } as never);
      } catch (e) {
        if (opts?.signal?.aborted) throw e;
        const kind = classifyFailure(e);
        let wait: number | undefined;
        if (kind === 'rate-limited') wait = ++rateLimited <= p.rateLimitRetries ? retryDelay(e, 1, p, method) : undefined;
        else wait = ++failures < p.attempts ? retryDelay(e, failures, p, method) : undefined;
        if (wait === undefined) {
          if ((kind === 'maybe-delivered' || kind === 'unreadable-answer') && !isIdempotent(method)) {
            throw new DeliveryUncertainError(method, kind === 'unreadable-answer', e);
          }
          throw e;
        }
        log.debug(`${method} failed (${kind}: ${(e as Error).message}); retry in ${wait} ms`);
        await p.sleep(wait);
      }
    }
  }) as Telegram['callApi'];
}
