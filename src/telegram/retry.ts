// Outgoing Bot API calls survive what Telegram and networks do: a 429 is retried after the
// `retry_after` Telegram asks for, 5xx answers and dropped connections are retried with exponential
// backoff. Everything else (400 Bad Request, 403 blocked …) fails at once. getUpdates is left to
// telegraf's polling loop, which has its own retry.
import type { Telegram } from 'telegraf';
import { log } from '../log.js';

export interface RetryPolicy {
  attempts: number;
  /** First backoff for 5xx and network errors; doubles each attempt. */
  baseDelayMs: number;
  /** Longer 429 waits are not worth holding a reply for: give up instead. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxWaitMs: 60_000 };

interface ApiErrorShape {
  code?: number | string;
  response?: { error_code?: number; parameters?: { retry_after?: number } };
  name?: string;
  message?: string;
}

/** How long to wait before retrying this error, or undefined when it must not be retried. */
export function retryDelay(e: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  const err = e as ApiErrorShape;
  const status = err.response?.error_code;
  if (status === 429) {
    const ms = (err.response?.parameters?.retry_after ?? 1) * 1000;
    return ms <= policy.maxWaitMs ? ms : undefined;
  }
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (status !== undefined) return status >= 500 ? backoff : undefined;
  // No HTTP answer at all: connection refused/reset, socket hang up, DNS, timeouts.
  if (err.name === 'FetchError' || /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up|network/i.test(`${err.code ?? ''} ${err.message ?? ''}`)) {
    return backoff;
  }
  return undefined;
}

export function installRetry(telegram: Telegram, policy: RetryPolicy = DEFAULT_RETRY): void {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: string, payload: unknown, opts?: unknown) => {
    if (method === 'getUpdates') return call(method as never, payload as never, opts as never);
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(method as never, payload as never, opts as never);
      } catch (e) {
        const wait = attempt < policy.attempts ? retryDelay(e, attempt, policy) : undefined;
        if (wait === undefined) throw e;
        log.debug(`${method} failed (${(e as Error).message}); retry ${attempt} in ${wait} ms`);
        await sleep(wait);
      }
    }
  }) as Telegram['callApi'];
}
