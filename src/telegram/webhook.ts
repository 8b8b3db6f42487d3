// The webhook HTTP server. Nothing reaches the bot but a well-formed Update: the body is read whole as
// bytes (a character split across TCP writes stays intact), decoded as strict UTF-8, parsed and checked;
// anything else is a logged 400 and the process carries on. Sockets are bounded: past the limit the
// oldest connection that has not sent a complete request is closed (a flood of half-open sockets evicts
// itself, so /healthz and Telegram still get in); with every socket busy, new ones are refused. Slow
// headers and bodies time out, and a full answer queue sheds deliveries with 503 (Telegram redelivers).
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Update } from 'telegraf/types';
import { z } from 'zod';
import { log } from '../log.js';

export interface WebhookOptions {
  /** URL path Telegram posts to, e.g. "/telegram/hook". */
  path: string;
  secret: string;
  maxBodyBytes: number;
  /** Open sockets at most (file descriptors stay bounded whatever clients do). */
  maxSockets: number;
  /** Time for a client to send its headers, and its whole request. */
  timeoutMs: number;
  onUpdate: (update: Update) => Promise<void>;
  /** True when no more work can be accepted: deliveries get 503 until it clears. */
  overloaded: () => boolean;
  health: () => unknown;
}

const id = z.number().int().safe();
const user = z.looseObject({ id, is_bot: z.boolean().optional(), first_name: z.string().optional() });
const message = z.looseObject({
  message_id: id,
  date: z.number(),
  chat: z.looseObject({ id, type: z.string() }),
  from: user.optional(),
  text: z.string().optional(),
});
// Only the kinds the bot reads are checked field by field; other kinds must at least be objects
// (every optional field of an Update is one), and at most one kind comes per update.
const updateSchema = z
  .looseObject({
    update_id: id.nonnegative(),
    message: message.optional(),
    edited_message: message.optional(),
    channel_post: message.optional(),
    callback_query: z.looseObject({ id: z.string(), from: user, data: z.string().optional(), message: message.optional() }).optional(),
    inline_query: z.looseObject({ id: z.string(), from: user, query: z.string(), offset: z.string() }).optional(),
  })
  .refine((u) => Object.entries(u).every(([k, v]) => k === 'update_id' || (typeof v === 'object' && v !== null && !Array.isArray(v))), {
    message: 'every field but update_id must be an object',
  })
  .refine((u) => Object.keys(u).length <= 2, { message: 'more than one kind of update' });

/** Checks a webhook body; returns the Update or a one-line reason. */
export function parseUpdate(body: Uint8Array): { update: Update } | { error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { error: 'body is not valid UTF-8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'body is not JSON' };
  }
  const parsed = updateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not an Update (${issue.path.join('.') || 'body'}: ${issue.message})` };
  }
  return { update: parsed.data as unknown as Update };
}

/** Logs the first of a kind at once, then at most one summary line per interval. */
class Throttled {
  private last = 0;
  private suppressed = 0;
  constructor(private readonly intervalMs = 10_000) {}
  warn(msg: string): void {
    const now = Date.now();
    if (now - this.last < this.intervalMs) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed ? ` (and ${this.suppressed} more since the last report)` : '';
    this.last = now;
    this.suppressed = 0;
    log.warn(msg + more);
  }
}

/** A server that answers only GET /healthz (HEALTH_PORT), with its own small socket budget. */
export function createHealthServer(health: () => unknown): http.Server {
  const server = http.createServer({ headersTimeout: 2000, requestTimeout: 2000, connectionsCheckingInterval: 1000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const ok = req.method === 'GET' && (path === '/healthz' || path === '/health');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? health() : { ok: false }));
  });
  server.maxConnections = 64;
  return server;
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the body up to `max` bytes; undefined when it is larger (the rest is not read). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client went away')));
  });
}

export function createWebhookServer(opts: WebhookOptions): http.Server {
  const rejected = new Throttled();
  const shed = new Throttled();
  // Sockets with no request in progress, oldest first: the ones closed when the limit is reached.
  const idle = new Set<Socket>();
  const open = new Set<Socket>();

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const refuse = (req: http.IncomingMessage, res: http.ServerResponse, status: number, why: string) => {
    rejected.warn(`webhook: ${status} for ${req.method} ${req.url?.split('?')[0] ?? ''} from ${req.socket.remoteAddress ?? '?'}: ${why}`);
    // The body may not have been read: close the connection rather than parse what follows.
    send(res, status, { ok: false, error: why }, { connection: 'close' });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/healthz' || path === '/health')) return send(res, 200, opts.health());
    if (path !== opts.path) return refuse(req, res, 404, 'unknown path');
    if (req.method !== 'POST') return refuse(req, res, 405, 'only POST');
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], opts.secret)) return refuse(req, res, 403, 'wrong or missing secret token');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > opts.maxBodyBytes) return refuse(req, res, 413, `body of ${declared} bytes is over ${opts.maxBodyBytes}`);
    if (opts.overloaded()) {
      shed.warn('webhook: answer queue full, asking Telegram to redeliver later (503)');
      return send(res, 503, { ok: false, error: 'overloaded' }, { 'retry-after': '5', connection: 'close' });
    }
    const body = await readBody(req, opts.maxBodyBytes);
    if (!body) return refuse(req, res, 413, `body over ${opts.maxBodyBytes} bytes`);
    const parsed = parseUpdate(body);
    if ('error' in parsed) return refuse(req, res, 400, parsed.error);
    try {
      await opts.onUpdate(parsed.update);
    } catch (e) {
      // A 5xx would make Telegram deliver the same update again and again: log it and take it.
      log.error(`update ${parsed.update.update_id} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    send(res, 200, { ok: true });
  };

  const server = http.createServer(
    {
      headersTimeout: opts.timeoutMs,
      requestTimeout: opts.timeoutMs,
      // How often the timeouts above are checked (default 30 s).
      connectionsCheckingInterval: Math.min(1000, opts.timeoutMs),
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      idle.delete(req.socket);
      res.once('finish', () => {
        if (!req.socket.destroyed && open.has(req.socket)) idle.add(req.socket);
      });
      handle(req, res).catch((e: unknown) => {
        rejected.warn(`webhook: request failed: ${(e as Error)?.message ?? String(e)}`);
        if (!res.headersSent) send(res, 400, { ok: false }, { connection: 'close' });
        else res.destroy();
      });
    },
  );
  server.on('connection', (socket: Socket) => {
    if (open.size >= opts.maxSockets) {
      const oldest = idle.values().next().value as Socket | undefined;
      if (oldest) {
        idle.delete(oldest);
        open.delete(oldest);
        oldest.destroy();
        shed.warn(`webhook: ${opts.maxSockets} sockets open, closing the oldest idle one (connection flood?)`);
      } else {
        shed.warn(`webhook: ${opts.maxSockets} sockets open and all busy, refusing new connections`);
        socket.destroy();
        return;
      }
    }
    open.add(socket);
    idle.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      idle.delete(socket);
    });
  });
  // Malformed HTTP (bad headers, timeouts): answer 400/408 if possible, never throw.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'ERR_HTTP_REQUEST_TIMEOUT') rejected.warn(`webhook: bad request from ${socket.remoteAddress ?? '?'}: ${err.code ?? err.message}`);
    if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  return server;
}
