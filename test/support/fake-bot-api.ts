// A fake Telegram Bot API server for end-to-end tests. It speaks the HTTP protocol telegraf uses
// (POST {apiRoot}/bot{token}/{method}), checks requests the way Telegram does, and records every
// call, so a test can drive the real bot and see what it sent without reaching Telegram.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type {
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ResponseParameters,
  Update,
  User,
} from 'telegraf/types';

export interface FakeBotApiOptions {
  token: string;
  botId?: number;
  botUsername?: string;
  botName?: string;
  /** Port to listen on (default: any free port). */
  port?: number;
}

// Omit spread over the Update union, so `{ message }` and `{ callback_query }` keep their own fields.
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An update as a test writes it; the fake assigns update_id. */
export type NewUpdate = DistributiveOmit<Update, 'update_id'>;
/** A text message from a user, as it appears in an update's `message`. */
export type IncomingText = Update.MessageUpdate<Message.TextMessage>['message'];

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

export interface ApiCall {
  method: string; // canonical name for known methods ("sendMessage" even if sent as "sendmessage")
  params: Record<string, unknown>;
  at: number; // Date.now() when the request arrived
  status: number; // HTTP status; 0 when the connection was dropped or the client went away first
  response: ApiResponse | undefined;
  viaWebhookReply?: true; // the bot answered a webhook delivery with this method call
}

export interface TextOpts {
  chat: Chat;
  from: User;
  text: string;
  replyTo?: Message;
  entities?: MessageEntity[]; // default: the /command and @mention entities Telegram would find
}

export type FaultSpec =
  | { method: string; kind: '429'; retryAfter: number; times?: number }
  | { method: string; kind: '500' | 'drop'; times?: number }
  | { method: string; kind: 'slow'; delayMs: number; times?: number }
  // The call is carried out, then the connection is reset (the client never hears it succeeded), or
  // answered 200 with a body that is not JSON.
  | { method: string; kind: 'reset-after' | 'garbled'; times?: number }
  // Any Bot API error answer, e.g. 401 Unauthorized on getUpdates.
  | { method: string; kind: 'error'; code: number; description: string; times?: number };

type Params = Record<string, unknown>;
type MsgRecord = {
  message_id: number;
  date: number;
  chat: Chat;
  from?: User;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  reply_markup?: InlineKeyboardMarkup;
  [key: string]: unknown;
};
interface StoredMessage {
  msg: MsgRecord;
  byBot: boolean;
  deleted: boolean;
}
interface ChatState {
  chat: Chat;
  nextId: number;
  messages: Map<number, StoredMessage>;
  botStatus?: string; // from my_chat_member updates: 'kicked' / 'left' make writes fail with 403
}
export interface Formatted {
  text: string;
  entities: MessageEntity[];
}
type WakeReason = 'update' | 'timeout' | 'conflict' | 'gone' | 'closed';
interface Poller {
  wake(reason: WakeReason): void;
}
interface Ctx {
  signal?: AbortSignal;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}
const bad = (what: string) => new ApiError(400, `Bad Request: ${what}`);
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';

// Thrown by the long-poll when the client disconnected: there is nobody to answer.
const CLIENT_GONE = Symbol('client gone');

export class FakeBotApi {
  readonly apiRoot: string;
  readonly botUsername: string;
  readonly calls: ApiCall[] = [];

  private readonly token: string;
  private readonly me: User;
  private readonly server: http.Server;
  private readonly chats = new Map<number, ChatState>();
  private readonly users = new Map<number, User>();
  private readonly botMessages: Array<{ chatId: number; messageId: number }> = [];
  private queue: Update[] = [];
  private nextUpdateId = 10_001;
  private nextUserId = 1_001;
  private nextGroupId = 1;
  private nextQueryId = 1;
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly inlineQueries = new Map<string, { answered: boolean }>();
  private readonly pollers = new Set<Poller>();
  private readonly faults: Array<FaultSpec & { left: number }> = [];
  private readonly sleepers = new Set<() => void>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly commands = new Map<string, Array<{ command: string; description: string }>>();
  private readonly settings = new Map<string, unknown>();
  private readonly files = new Map<string, { bytes: Buffer; size: number; path: string }>();
  private nextFileNo = 1;
  private webhook: { url: string; secret?: string; max_connections: number; allowed_updates?: unknown } | undefined;
  private closed = false;
  private readonly startedAt = Date.now();

  private constructor(opts: FakeBotApiOptions, server: http.Server, apiRoot: string) {
    this.token = opts.token;
    this.server = server;
    this.apiRoot = apiRoot;
    const idFromToken = Number(opts.token.split(':')[0]);
    const botId = opts.botId ?? (Number.isSafeInteger(idFromToken) && idFromToken > 0 ? idFromToken : 123456);
    this.botUsername = opts.botUsername ?? 'fake_test_bot';
    this.me = { id: botId, is_bot: true, first_name: opts.botName ?? 'Test Bot', username: this.botUsername };
  }

  static async start(opts: FakeBotApiOptions): Promise<FakeBotApi> {
    let fake: FakeBotApi | undefined;
    const server = http.createServer((req, res) => fake?.onRequest(req, res));
    // Longer than a client's keep-alive reuse, so reused sockets are not reset under a test.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakeBotApi(opts, server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Answers pending long polls with no updates, then stops the server and its connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of [...this.pollers]) p.wake('closed');
    for (const wake of [...this.sleepers]) wake();
    await Promise.allSettled([...this.inflight]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- users, chats, updates

  createUser(opts: Partial<User> = {}): User {
    const id = opts.id ?? this.nextUserId++;
    const user: User = { id, is_bot: false, first_name: `User${id}`, language_code: 'en', ...opts };
    return user;
  }

  privateChat(user: User): Chat.PrivateChat {
    const chat: Chat.PrivateChat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    return chat;
  }

  groupChat(title = 'Test group'): Chat.GroupChat {
    return { id: -(100_000 + this.nextGroupId++), type: 'group', title };
  }

  supergroupChat(title = 'Test supergroup'): Chat.SupergroupChat {
    return { id: -(1_001_000_000_000 + this.nextGroupId++), type: 'supergroup', title };
  }

  /** Queues an update for getUpdates; chats, users, messages and query ids in it become known. */
  pushUpdate(update: NewUpdate): number {
    const full = this.stamp(update);
    this.queue.push(full);
    for (const p of [...this.pollers]) p.wake('update');
    return full.update_id;
  }

  sendText(opts: TextOpts): IncomingText {
    const msg = this.buildText(opts);
    this.pushMessage(msg as unknown as MsgRecord);
    return msg;
  }

  /** A user's text message with the next message_id, not queued: for pushUpdate or deliverWebhook. */
  buildText(opts: TextOpts): IncomingText {
    const msg = this.incoming(opts.chat, opts.from, opts.replyTo);
    msg.text = opts.text;
    const entities = opts.entities ?? sortEntities(autoEntities(opts.text, []));
    if (entities.length > 0) msg.entities = entities;
    return msg as unknown as IncomingText;
  }

  // Stickers carry no caption on Telegram, hence only an emoji.
  sendSticker(opts: { chat: Chat; from: User; emoji?: string; replyTo?: Message }): Message.StickerMessage {
    const msg = this.incoming(opts.chat, opts.from, opts.replyTo);
    const n = msg.message_id;
    msg.sticker = {
      file_id: `fake-sticker-${opts.chat.id}-${n}`,
      file_unique_id: `fs${n}`,
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: opts.emoji ?? '👍',
    };
    this.pushMessage(msg);
    return msg as unknown as Message.StickerMessage;
  }

  sendPhoto(opts: { chat: Chat; from: User; caption?: string; replyTo?: Message }): Message.PhotoMessage {
    const msg = this.incoming(opts.chat, opts.from, opts.replyTo);
    const n = msg.message_id;
    msg.photo = [
      { file_id: `fake-photo-${opts.chat.id}-${n}-s`, file_unique_id: `fp${n}s`, width: 90, height: 90, file_size: 1_000 },
      { file_id: `fake-photo-${opts.chat.id}-${n}-m`, file_unique_id: `fp${n}m`, width: 800, height: 800, file_size: 50_000 },
    ];
    if (opts.caption !== undefined) {
      msg.caption = opts.caption;
      const entities = sortEntities(autoEntities(opts.caption, []));
      if (entities.length > 0) msg.caption_entities = entities;
    }
    this.pushMessage(msg);
    return msg as unknown as Message.PhotoMessage;
  }

  /**
   * A user sends a file as a document. `claimedSize` makes Telegram report a larger file_size than the
   * bytes stored (a 50 MB upload without holding 50 MB); getFile refuses files over 20 MB as Telegram does.
   */
  sendDocument(opts: {
    chat: Chat;
    from: User;
    fileName: string;
    content: Buffer | string;
    mimeType?: string;
    caption?: string;
    claimedSize?: number;
    replyTo?: Message;
  }): Message.DocumentMessage {
    const msg = this.incoming(opts.chat, opts.from, opts.replyTo);
    const n = this.nextFileNo++;
    const bytes = Buffer.isBuffer(opts.content) ? opts.content : Buffer.from(opts.content, 'utf8');
    const size = opts.claimedSize ?? bytes.length;
    const fileId = `fake-doc-${n}-${opts.chat.id}`;
    this.files.set(fileId, { bytes, size, path: `documents/file_${n}${path.extname(opts.fileName)}` });
    msg.document = {
      file_id: fileId,
      file_unique_id: `fd${n}`,
      file_name: opts.fileName,
      ...(opts.mimeType ? { mime_type: opts.mimeType } : {}),
      file_size: size,
    };
    if (opts.caption !== undefined) {
      msg.caption = opts.caption;
      const entities = sortEntities(autoEntities(opts.caption, []));
      if (entities.length > 0) msg.caption_entities = entities;
    }
    this.pushMessage(msg);
    return msg as unknown as Message.DocumentMessage;
  }

  /** A user presses an inline button of a message the bot sent; returns the callback query id. */
  pressButton(opts: { from: User; message: Message; data: string }): string {
    const stored = this.chats.get(opts.message.chat.id)?.messages.get(opts.message.message_id);
    if (!stored || stored.deleted) {
      throw new Error(`pressButton: message ${opts.message.message_id} is not in chat ${opts.message.chat.id}`);
    }
    // A real client can only press buttons that are on the message now.
    const datas = (stored.msg.reply_markup?.inline_keyboard ?? [])
      .flat()
      .flatMap((b) => ('callback_data' in b ? [b.callback_data] : []));
    if (!datas.includes(opts.data)) {
      throw new Error(
        `pressButton: message ${opts.message.message_id} has no button with callback_data ${JSON.stringify(opts.data)}; ` +
          `it has ${JSON.stringify(datas)} (use pushUpdate to send a stale callback)`,
      );
    }
    const id = this.newQueryId();
    this.pushUpdate({
      callback_query: {
        id,
        from: opts.from,
        message: stored.msg as unknown as Message,
        chat_instance: String(4_000_000_000 + Math.abs(opts.message.chat.id)),
        data: opts.data,
      },
    });
    return id;
  }

  /** A user types "@bot query"; returns the inline query id. */
  inlineQuery(opts: { from: User; query: string; offset?: string }): string {
    const id = this.newQueryId();
    this.pushUpdate({ inline_query: { id, from: opts.from, query: opts.query, offset: opts.offset ?? '' } });
    return id;
  }

  /** The user blocks (or unblocks) the bot: Telegram sends my_chat_member and later writes fail with 403. */
  setBlocked(user: User, blocked: boolean): number {
    const date = now();
    const member = (status: string) => ({ status, user: this.me, ...(status === 'kicked' ? { until_date: 0 } : {}) });
    return this.pushUpdate({
      my_chat_member: {
        chat: this.privateChat(user),
        from: user,
        date,
        old_chat_member: member(blocked ? 'member' : 'kicked'),
        new_chat_member: member(blocked ? 'kicked' : 'member'),
      },
    } as unknown as NewUpdate);
  }

  /** Updates queued and not yet confirmed by a getUpdates offset. */
  get pendingUpdateCount(): number {
    return this.queue.length;
  }

  // ---------------------------------------------------------------- what the bot did

  /** Messages the bot sent to the chat and has not deleted, each in its latest (edited) form. */
  messagesTo(chatId: number): Message.TextMessage[] {
    const out: Message.TextMessage[] = [];
    for (const { chatId: c, messageId } of this.botMessages) {
      if (c !== chatId) continue;
      const stored = this.chats.get(c)?.messages.get(messageId);
      if (stored && !stored.deleted) out.push(stored.msg as unknown as Message.TextMessage);
    }
    return out;
  }

  /** Polls fn until it returns something truthy; a throwing fn counts as "not yet". */
  async waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 3_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = fn();
        if (value) return value;
        lastError = undefined;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() >= deadline) {
        const why = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
        throw new Error(`waitFor: condition not met within ${timeoutMs} ms${why}\n${this.describeCalls(20)}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  injectFault(f: FaultSpec): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }

  /** POSTs an update to a webhook as Telegram does; a method in the reply body is executed, as Telegram does. */
  async deliverWebhook(
    url: string,
    update: NewUpdate,
    secretToken?: string,
  ): Promise<{ status: number; body: string }> {
    const full = this.stamp(update);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = secretToken;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(full) });
    const body = await res.text();
    if (res.ok && (res.headers.get('content-type') ?? '').includes('application/json')) {
      let reply: unknown;
      try {
        reply = JSON.parse(body);
      } catch {
        reply = undefined;
      }
      if (isObj(reply) && typeof reply.method === 'string') {
        const { method, ...params } = reply;
        const call: ApiCall = { method: canonical(method), params, at: Date.now(), status: 0, response: undefined, viaWebhookReply: true };
        const { status, response } = await this.execute(method, params, {});
        call.status = status;
        call.response = response;
        this.calls.push(call);
      }
    }
    return { status: res.status, body };
  }

  // ---------------------------------------------------------------- HTTP

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const done = this.handle(req, res).catch(() => undefined);
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    // File downloads: GET /file/bot<token>/<file_path>, as on api.telegram.org.
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute) {
      const call: ApiCall = { method: 'file', params: { file_path: fileRoute[2] }, at, status: 0, response: undefined };
      const file = [...this.files.values()].find((f) => f.path === fileRoute[2]);
      const ok = (fileRoute[1] === this.token || safeDecode(fileRoute[1]!) === this.token) && file !== undefined;
      call.status = ok ? 200 : 404;
      this.calls.push(call);
      res.writeHead(ok ? 200 : 404, { 'content-type': ok ? 'application/octet-stream' : 'application/json' });
      res.end(ok ? file.bytes : JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    const route = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
    const method = route ? canonical(route[2]!) : url.pathname;
    const call: ApiCall = { method, params: {}, at, status: 0, response: undefined };
    const answer = (status: number, response: ApiResponse) => this.answer(res, call, status, response);

    try {
      call.params = parseParams(url, req.headers['content-type'], body);
    } catch (err) {
      return answer(400, errorResponse(err));
    }
    if (!route) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (route[1] !== this.token && safeDecode(route[1]!) !== this.token) {
      return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }

    const fault = this.takeFault(method);
    if (fault?.kind === 'drop') {
      this.calls.push(call);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === '429') {
      return answer(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${fault.retryAfter}`,
        parameters: { retry_after: fault.retryAfter },
      });
    }
    if (fault?.kind === 'error') return answer(fault.code, { ok: false, error_code: fault.code, description: fault.description });
    if (fault?.kind === '500') return answer(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    if (fault?.kind === 'slow' && !(await this.sleep(fault.delayMs))) {
      this.calls.push(call);
      req.socket.destroy();
      return;
    }

    const { status, response } = await this.execute(route[2]!, call.params, { signal: gone.signal });
    if (status === 0 || !response) {
      this.calls.push(call);
      return;
    }
    if (fault?.kind === 'reset-after') {
      call.status = 0;
      call.response = response;
      this.calls.push(call);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'garbled') {
      call.status = status;
      call.response = response;
      this.calls.push(call);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response).slice(0, 20));
      return;
    }
    return answer(status, response);
  }

  private answer(res: http.ServerResponse, call: ApiCall, status: number, response: ApiResponse): Promise<void> {
    call.status = res.destroyed ? 0 : status;
    call.response = res.destroyed ? undefined : response;
    this.calls.push(call);
    if (res.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      res.once('close', resolve);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response), () => resolve());
    });
  }

  /** Runs one Bot API method; status 0 means the client went away before an answer. */
  private async execute(rawMethod: string, params: Params, ctx: Ctx): Promise<{ status: number; response?: ApiResponse }> {
    const name = canonical(rawMethod);
    const handler = Object.hasOwn(this.handlers, name) ? this.handlers[name] : undefined;
    if (!handler) return { status: 404, response: { ok: false, error_code: 404, description: 'Not Found' } };
    try {
      const result = await handler(params, ctx);
      return { status: 200, response: { ok: true, result } };
    } catch (err) {
      if (err === CLIENT_GONE) return { status: 0 };
      const response = errorResponse(err);
      return { status: response.error_code, response };
    }
  }

  private takeFault(method: string): (FaultSpec & { left: number }) | undefined {
    const i = this.faults.findIndex(
      (f) => f.left > 0 && (f.method === '*' || f.method.toLowerCase() === method.toLowerCase()),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.left -= 1;
    if (f.left <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** Resolves true after ms, or false at once if the fake is closed meanwhile. */
  private sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve(true);
      }, ms);
      this.sleepers.add(wake);
    });
  }

  private describeCalls(limit: number): string {
    const shown = this.calls.filter(
      (c) => !(c.method === 'getUpdates' && c.response?.ok && Array.isArray(c.response.result) && c.response.result.length === 0),
    );
    const recent = shown.slice(-limit);
    if (recent.length === 0) return 'no Bot API calls recorded (empty getUpdates polls are not listed)';
    const lines = recent.map((c) => {
      const outcome = c.status === 0 ? 'dropped' : c.response?.ok ? `${c.status} ok` : `${c.status} ${c.response?.description ?? ''}`;
      return `  +${c.at - this.startedAt}ms ${c.method} ${clip(JSON.stringify(c.params), 160)} -> ${outcome}`;
    });
    return `last ${recent.length} Bot API calls (empty getUpdates polls not listed):\n${lines.join('\n')}`;
  }

  // ---------------------------------------------------------------- state helpers

  private stamp(update: NewUpdate): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.learn(full);
    return full;
  }

  private learn(update: Update): void {
    const u = update as unknown as Record<string, unknown>;
    for (const key of ['message', 'channel_post', 'edited_message', 'edited_channel_post']) {
      const msg = u[key];
      if (isObj(msg)) this.rememberMessage(msg as MsgRecord, false);
    }
    const cq = u.callback_query;
    if (isObj(cq)) {
      this.rememberUser(cq.from);
      if (isObj(cq.message) && !this.chats.get((cq.message as MsgRecord).chat.id)?.messages.has((cq.message as MsgRecord).message_id)) {
        this.rememberMessage(cq.message as MsgRecord, false);
      }
      if (typeof cq.id === 'string') this.callbackQueries.set(cq.id, { answered: false });
    }
    const iq = u.inline_query;
    if (isObj(iq)) {
      this.rememberUser(iq.from);
      if (typeof iq.id === 'string') this.inlineQueries.set(iq.id, { answered: false });
    }
    const mcm = u.my_chat_member;
    if (isObj(mcm) && isObj(mcm.chat)) {
      const st = this.rememberChat(mcm.chat as unknown as Chat);
      this.rememberUser(mcm.from);
      if (isObj(mcm.new_chat_member) && typeof mcm.new_chat_member.status === 'string') {
        st.botStatus = mcm.new_chat_member.status;
      }
    }
    for (const key of ['chat_member', 'chat_join_request']) {
      const v = u[key];
      if (isObj(v) && isObj(v.chat)) this.rememberChat(v.chat as unknown as Chat);
    }
  }

  private rememberUser(user: unknown): void {
    if (isObj(user) && typeof user.id === 'number') this.users.set(user.id, user as unknown as User);
  }

  private rememberChat(chat: Chat): ChatState {
    let st = this.chats.get(chat.id);
    if (!st) {
      st = { chat, nextId: 1, messages: new Map() };
      this.chats.set(chat.id, st);
    } else {
      st.chat = chat;
    }
    return st;
  }

  private rememberMessage(msg: MsgRecord, byBot: boolean): void {
    const st = this.rememberChat(msg.chat);
    this.rememberUser(msg.from);
    const old = st.messages.get(msg.message_id);
    st.messages.set(msg.message_id, { msg, byBot: old?.byBot ?? byBot, deleted: false });
    st.nextId = Math.max(st.nextId, msg.message_id + 1);
  }

  private incoming(chat: Chat, from: User, replyTo?: Message): MsgRecord {
    const st = this.rememberChat(chat);
    const msg: MsgRecord = { message_id: st.nextId++, date: now(), chat };
    if (chat.type === 'channel') msg.sender_chat = chat;
    else msg.from = from;
    if (replyTo) msg.reply_to_message = withoutReply(replyTo as unknown as MsgRecord);
    return msg;
  }

  private pushMessage(msg: MsgRecord): void {
    const key = msg.chat.type === 'channel' ? 'channel_post' : 'message';
    this.pushUpdate({ [key]: msg } as unknown as NewUpdate);
  }

  private newQueryId(): string {
    return `${this.me.id}${String(this.nextQueryId++).padStart(6, '0')}`;
  }

  private chatFor(raw: unknown): ChatState {
    if (raw === undefined || raw === null || raw === '') throw bad('chat_id is empty');
    if (typeof raw === 'string' && raw.startsWith('@')) {
      const name = raw.slice(1).toLowerCase();
      for (const st of this.chats.values()) {
        if ('username' in st.chat && st.chat.username?.toLowerCase() === name) return st;
      }
      throw bad('chat not found');
    }
    const id = toInt(raw);
    const st = id === undefined ? undefined : this.chats.get(id);
    if (!st) throw bad('chat not found');
    return st;
  }

  private assertWritable(st: ChatState): void {
    if (st.chat.type === 'private') {
      if (this.users.get(st.chat.id)?.is_bot) throw new ApiError(403, "Forbidden: bot can't send messages to bots");
      if (st.botStatus === 'kicked') throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    } else if (st.botStatus === 'kicked' || st.botStatus === 'left') {
      const where = st.chat.type === 'channel' ? 'channel chat' : st.chat.type === 'supergroup' ? 'supergroup chat' : 'group chat';
      throw new ApiError(403, `Forbidden: bot was kicked from the ${where}`);
    }
  }

  private findMessage(p: Params, notFound: string): { st: ChatState; stored: StoredMessage } {
    const st = this.chatFor(p.chat_id);
    const id = toInt(p.message_id);
    if (id === undefined) throw bad('message identifier is not specified');
    const stored = st.messages.get(id);
    if (!stored || stored.deleted) throw bad(notFound);
    return { st, stored };
  }

  private replaceMessage(st: ChatState, stored: StoredMessage, msg: MsgRecord): MsgRecord {
    st.messages.set(msg.message_id, { ...stored, msg });
    return msg;
  }

  // ---------------------------------------------------------------- Bot API methods

  private readonly handlers: Record<string, (p: Params, ctx: Ctx) => unknown> = {
    getMe: () => ({
      ...this.me,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
    }),

    getUpdates: (p, ctx) => this.getUpdates(p, ctx),

    setWebhook: (p) => {
      const url = toStr(p.url) ?? '';
      if (url === '') {
        this.webhook = undefined;
        return true;
      }
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw bad('bad webhook: invalid webhook URL specified');
      }
      if (parsed.protocol !== 'https:') throw bad('bad webhook: An HTTPS URL must be provided for webhook');
      const port = parsed.port === '' ? 443 : Number(parsed.port);
      if (![80, 88, 443, 8443].includes(port)) {
        throw bad('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
      }
      const secret = toStr(p.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw bad('bad webhook: secret token contains unallowed characters');
      }
      const maxConnections = p.max_connections === undefined ? 40 : toInt(p.max_connections);
      if (maxConnections === undefined || maxConnections < 1 || maxConnections > 100) {
        throw bad('bad webhook: max_connections must be between 1 and 100');
      }
      if (toBool(p.drop_pending_updates)) this.queue = [];
      this.webhook = { url, max_connections: maxConnections };
      if (secret !== undefined) this.webhook.secret = secret;
      if (p.allowed_updates !== undefined) this.webhook.allowed_updates = jsonish(p.allowed_updates, 'allowed updates');
      for (const poller of [...this.pollers]) poller.wake('conflict');
      return true;
    },

    deleteWebhook: (p) => {
      this.webhook = undefined;
      if (toBool(p.drop_pending_updates)) this.queue = [];
      return true;
    },

    getWebhookInfo: () => {
      const info: Record<string, unknown> = {
        url: this.webhook?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: this.queue.length,
      };
      if (this.webhook) {
        info.max_connections = this.webhook.max_connections;
        if (this.webhook.allowed_updates !== undefined) info.allowed_updates = this.webhook.allowed_updates;
      }
      return info;
    },

    sendMessage: (p) => {
      if (p.chat_id === undefined || p.chat_id === '') throw bad('chat_id is empty');
      const markup = checkReplyMarkup(p.reply_markup);
      const f = this.messageText(p.text, p.parse_mode, p.entities);
      const st = this.chatFor(p.chat_id);
      this.assertWritable(st);
      const reply = this.replyTarget(p, st);
      const msg: MsgRecord = { message_id: st.nextId++, date: now(), chat: st.chat };
      if (st.chat.type === 'channel') msg.sender_chat = st.chat;
      else msg.from = this.me;
      const thread = toInt(p.message_thread_id);
      if (thread !== undefined) msg.message_thread_id = thread;
      if (reply.message) msg.reply_to_message = reply.message;
      if (reply.external) msg.external_reply = reply.external;
      if (reply.quote) msg.quote = reply.quote;
      msg.text = f.text;
      if (f.entities.length > 0) msg.entities = f.entities;
      const preview = linkPreview(p);
      if (preview) msg.link_preview_options = preview;
      if (markup && 'inline_keyboard' in markup) msg.reply_markup = markup as unknown as InlineKeyboardMarkup;
      this.rememberMessage(msg, true);
      this.botMessages.push({ chatId: st.chat.id, messageId: msg.message_id });
      return msg;
    },

    editMessageText: (p) => {
      const markup = checkInlineMarkup(p.reply_markup);
      const f = this.messageText(p.text, p.parse_mode, p.entities);
      if (p.inline_message_id !== undefined) return true; // inline messages are not tracked
      const { st, stored } = this.findMessage(p, 'message to edit not found');
      this.assertWritable(st);
      if (!stored.byBot) throw bad("message can't be edited");
      if (stored.msg.text === undefined) throw bad('there is no text in the message to edit');
      if (
        stored.msg.text === f.text &&
        stableJson(stored.msg.entities ?? []) === stableJson(f.entities) &&
        stableJson(stored.msg.reply_markup) === stableJson(markup)
      ) {
        throw bad(NOT_MODIFIED);
      }
      const msg: MsgRecord = { ...omit(stored.msg, 'entities', 'reply_markup'), text: f.text, edit_date: now() };
      if (f.entities.length > 0) msg.entities = f.entities;
      const preview = linkPreview(p);
      if (preview) msg.link_preview_options = preview;
      if (markup) msg.reply_markup = markup; // omitting reply_markup removes the keyboard, as on Telegram
      return this.replaceMessage(st, stored, msg);
    },

    editMessageReplyMarkup: (p) => {
      const markup = checkInlineMarkup(p.reply_markup);
      if (p.inline_message_id !== undefined) return true;
      const { st, stored } = this.findMessage(p, 'message to edit not found');
      this.assertWritable(st);
      if (!stored.byBot) throw bad("message can't be edited");
      if (stableJson(stored.msg.reply_markup) === stableJson(markup)) throw bad(NOT_MODIFIED);
      const msg: MsgRecord = { ...omit(stored.msg, 'reply_markup'), edit_date: now() };
      if (markup) msg.reply_markup = markup;
      return this.replaceMessage(st, stored, msg);
    },

    deleteMessage: (p) => {
      const { st, stored } = this.findMessage(p, 'message to delete not found');
      if (!stored.byBot && st.chat.type !== 'private') throw bad("message can't be deleted");
      stored.deleted = true;
      return true;
    },

    getFile: (p) => {
      const id = toStr(p.file_id) ?? '';
      const file = this.files.get(id);
      if (!file) throw bad('invalid file_id');
      if (file.size > 20 * 1024 * 1024) throw bad('file is too big');
      return { file_id: id, file_unique_id: `u${id}`, file_size: file.size, file_path: file.path };
    },

    answerCallbackQuery: (p) => {
      const id = toStr(p.callback_query_id) ?? '';
      const q = this.callbackQueries.get(id);
      if (!q || q.answered) throw bad(QUERY_INVALID);
      const text = toStr(p.text);
      if (text !== undefined && text.length > 200) throw bad('MESSAGE_TOO_LONG');
      const url = toStr(p.url);
      if (url !== undefined && !isLink(url)) throw bad('URL_INVALID');
      q.answered = true;
      return true;
    },

    answerInlineQuery: (p) => {
      const id = toStr(p.inline_query_id) ?? '';
      const q = this.inlineQueries.get(id);
      if (!q || q.answered) throw bad(QUERY_INVALID);
      const results = jsonish(p.results, 'inline query results');
      if (!Array.isArray(results)) throw bad("can't parse inline query results JSON object");
      if (results.length > 50) throw bad('RESULTS_TOO_MUCH');
      const ids = new Set<string>();
      for (const r of results) this.checkInlineResult(r, ids);
      const nextOffset = toStr(p.next_offset);
      if (nextOffset !== undefined && Buffer.byteLength(nextOffset, 'utf8') > 64) throw bad('NEXT_OFFSET_INVALID');
      q.answered = true; // only a valid answer uses the query up
      return true;
    },

    setMyCommands: (p) => {
      const commands = jsonish(p.commands, 'bot commands');
      if (!Array.isArray(commands)) throw bad("can't parse bot commands JSON object");
      if (commands.length > 100) throw bad('BOT_COMMANDS_TOO_MUCH');
      const list = commands.map((c) => {
        if (!isObj(c)) throw bad("can't parse BotCommand: Object expected");
        const command = toStr(c.command);
        if (command === undefined || !/^[a-z0-9_]{1,32}$/.test(command)) throw bad('BOT_COMMAND_INVALID');
        const description = toStr(c.description);
        if (description === undefined || description.length < 1 || description.length > 256) {
          throw bad('BOT_COMMAND_DESCRIPTION_INVALID');
        }
        return { command, description };
      });
      this.commands.set(this.commandsKey(p), list);
      return true;
    },

    getMyCommands: (p) => this.commands.get(this.commandsKey(p)) ?? [],

    deleteMyCommands: (p) => {
      this.commands.delete(this.commandsKey(p));
      return true;
    },

    sendChatAction: (p) => {
      const st = this.chatFor(p.chat_id);
      const action = toStr(p.action);
      if (action === undefined || !CHAT_ACTIONS.has(action)) throw bad('wrong parameter action in request');
      this.assertWritable(st);
      return true;
    },

    setChatMenuButton: (p) => {
      if (p.chat_id !== undefined) this.chatFor(p.chat_id);
      const button = p.menu_button === undefined ? { type: 'default' } : jsonish(p.menu_button, 'menu button');
      if (!isObj(button) || !['commands', 'web_app', 'default'].includes(String(button.type))) {
        throw bad("can't parse menu button JSON object");
      }
      this.settings.set(`menu:${toStr(p.chat_id) ?? ''}`, button);
      return true;
    },

    getChatMenuButton: (p) => this.settings.get(`menu:${toStr(p.chat_id) ?? ''}`) ?? { type: 'default' },

    setMyDescription: (p) => this.setSetting(p, 'description', 512),
    getMyDescription: (p) => ({ description: this.getSetting(p, 'description') }),
    setMyShortDescription: (p) => this.setSetting(p, 'short_description', 120),
    getMyShortDescription: (p) => ({ short_description: this.getSetting(p, 'short_description') }),
    setMyName: (p) => this.setSetting(p, 'name', 64),
    getMyName: (p) => ({ name: this.getSetting(p, 'name') || this.me.first_name }),
  };

  private async getUpdates(p: Params, ctx: Ctx): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = toInt(p.offset) ?? 0;
    const rawLimit = toInt(p.limit) ?? 100;
    const limit = rawLimit < 1 || rawLimit > 100 ? 100 : rawLimit;
    const timeout = Math.max(0, toInt(p.timeout) ?? 0);
    // An offset confirms every earlier update; a negative one keeps only the last -offset updates.
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    // A newer getUpdates ends the one still waiting, as on Telegram (two bot instances collide here).
    for (const poller of [...this.pollers]) poller.wake('conflict');

    if (this.queue.length === 0 && timeout > 0 && !this.closed) {
      const reason = await new Promise<WakeReason>((resolve) => {
        const poller: Poller = {
          wake: (why) => {
            clearTimeout(timer);
            this.pollers.delete(poller);
            ctx.signal?.removeEventListener('abort', onAbort);
            resolve(why);
          },
        };
        const onAbort = () => poller.wake('gone');
        const timer = setTimeout(() => poller.wake('timeout'), timeout * 1000);
        this.pollers.add(poller);
        ctx.signal?.addEventListener('abort', onAbort);
        if (ctx.signal?.aborted) poller.wake('gone');
      });
      if (reason === 'gone') throw CLIENT_GONE;
      if (reason === 'conflict') {
        // A client that aborted its poll (telegraf's stop) may reach us after its next request does.
        await this.sleep(25);
        if (ctx.signal?.aborted) throw CLIENT_GONE;
        if (this.webhook) {
          throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
        throw new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      }
    }
    return this.queue.slice(0, limit);
  }

  /** Text after parse_mode, cleaned and trimmed as Telegram does, with the length rules applied. */
  private messageText(rawText: unknown, parseMode: unknown, entities: unknown): Formatted {
    const f = formatText(rawText, parseMode, entities, (id) => this.users.get(id));
    if (f.text.length === 0) throw bad('message text is empty');
    if (f.text.length > MAX_TEXT) throw bad('message is too long');
    return f;
  }

  private replyTarget(p: Params, st: ChatState): { message?: MsgRecord; external?: unknown; quote?: unknown } {
    let messageId: number | undefined;
    let target = st;
    let allowWithout = toBool(p.allow_sending_without_reply);
    let quote: { text: unknown; parseMode: unknown; entities: unknown; position: number | undefined } | undefined;
    if (p.reply_parameters !== undefined) {
      const rp = jsonish(p.reply_parameters, 'reply parameters');
      if (!isObj(rp)) throw bad("can't parse reply parameters JSON object");
      messageId = toInt(rp.message_id);
      if (messageId === undefined) throw bad("can't parse reply parameters JSON object");
      if (rp.chat_id !== undefined) target = this.chatFor(rp.chat_id);
      allowWithout = toBool(rp.allow_sending_without_reply);
      if (rp.quote !== undefined) {
        quote = { text: rp.quote, parseMode: rp.quote_parse_mode, entities: rp.quote_entities, position: toInt(rp.quote_position) };
      }
    } else if (p.reply_to_message_id !== undefined) {
      messageId = toInt(p.reply_to_message_id);
    } else {
      return {};
    }
    const stored = messageId === undefined ? undefined : target.messages.get(messageId);
    if (!stored || stored.deleted) {
      if (allowWithout) return {};
      throw bad('message to be replied not found');
    }
    const out: { message?: MsgRecord; external?: unknown; quote?: unknown } = {};
    if (target === st) out.message = withoutReply(stored.msg);
    else out.external = { origin: { type: 'user', sender_user: stored.msg.from, date: stored.msg.date }, chat: target.chat, message_id: stored.msg.message_id };
    if (quote) {
      let q: Formatted;
      try {
        q = formatText(quote.text, quote.parseMode, quote.entities, () => undefined);
      } catch {
        throw bad('QUOTE_TEXT_INVALID');
      }
      const source = stored.msg.text ?? stored.msg.caption ?? '';
      const sourceEntities = stored.msg.text !== undefined ? stored.msg.entities : (stored.msg.caption_entities as MessageEntity[] | undefined);
      const position =
        quote.position !== undefined && source.startsWith(q.text, quote.position) ? quote.position : source.indexOf(q.text);
      if (q.text.length === 0 || position < 0) throw bad('QUOTE_TEXT_INVALID');
      const kept = quoteEntities(sourceEntities ?? [], position, q.text.length);
      out.quote = { text: q.text, ...(kept.length > 0 ? { entities: kept } : {}), position, is_manual: true };
    }
    return out;
  }

  private checkInlineResult(r: unknown, ids: Set<string>): void {
    if (!isObj(r)) throw bad("can't parse InlineQueryResult: Object expected");
    const id = typeof r.id === 'string' ? r.id : undefined;
    if (id === undefined || id.length === 0 || Buffer.byteLength(id, 'utf8') > 64) throw bad('RESULT_ID_INVALID');
    if (ids.has(id)) throw bad('RESULT_ID_DUPLICATE');
    ids.add(id);
    const type = toStr(r.type);
    if (type === undefined || !INLINE_RESULT_TYPES.has(type)) throw bad(`can't parse InlineQueryResult: Result type "${type}" is unsupported`);
    if (type === 'article') {
      if (typeof r.title !== 'string' || r.title.length === 0) throw bad('can\'t parse InlineQueryResult: Field "title" must be of type String');
      if (!isObj(r.input_message_content)) throw bad('can\'t parse InlineQueryResult: Field "input_message_content" must be of type Object');
    }
    const content = r.input_message_content;
    if (isObj(content) && 'message_text' in content) this.messageText(content.message_text, content.parse_mode, content.entities);
    if (r.caption !== undefined) {
      const c = formatText(r.caption, r.parse_mode, r.caption_entities, (uid) => this.users.get(uid));
      if (c.text.length > MAX_CAPTION) throw bad('MEDIA_CAPTION_TOO_LONG');
    }
    checkInlineMarkup(r.reply_markup);
  }

  private commandsKey(p: Params): string {
    const scope = p.scope === undefined ? { type: 'default' } : jsonish(p.scope, 'bot command scope');
    if (!isObj(scope) || typeof scope.type !== 'string' || !COMMAND_SCOPES.has(scope.type)) {
      throw bad("can't parse BotCommandScope JSON object");
    }
    const key: Record<string, unknown> = { type: scope.type };
    if (scope.type === 'chat' || scope.type === 'chat_administrators' || scope.type === 'chat_member') {
      key.chat_id = this.chatFor(scope.chat_id).chat.id;
    }
    if (scope.type === 'chat_member') {
      const userId = toInt(scope.user_id);
      if (userId === undefined) throw bad("can't parse BotCommandScope JSON object");
      key.user_id = userId;
    }
    const lang = toStr(p.language_code) ?? '';
    if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw bad('LANG_CODE_INVALID');
    return `${stableJson(key)}|${lang}`;
  }

  private setSetting(p: Params, field: string, max: number): true {
    const value = toStr(p[field]) ?? '';
    if (value.length > max) throw bad(`${field.replace('_', ' ')} is too long`);
    const lang = toStr(p.language_code) ?? '';
    if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw bad('LANG_CODE_INVALID');
    this.settings.set(`${field}|${lang}`, value);
    return true;
  }

  private getSetting(p: Params, field: string): string {
    return String(this.settings.get(`${field}|${toStr(p.language_code) ?? ''}`) ?? '');
  }
}

// ------------------------------------------------------------------ method tables

const METHOD_NAMES = [
  'getMe', 'getUpdates', 'setWebhook', 'deleteWebhook', 'getWebhookInfo', 'sendMessage', 'editMessageText',
  'editMessageReplyMarkup', 'deleteMessage', 'answerCallbackQuery', 'answerInlineQuery', 'setMyCommands',
  'getMyCommands', 'deleteMyCommands', 'sendChatAction', 'setChatMenuButton', 'getChatMenuButton',
  'setMyDescription', 'getMyDescription', 'setMyShortDescription', 'getMyShortDescription', 'setMyName', 'getMyName',
];
// Telegram matches method names case-insensitively.
const CANONICAL = new Map(METHOD_NAMES.map((m) => [m.toLowerCase(), m]));
const canonical = (method: string) => CANONICAL.get(method.toLowerCase()) ?? method;

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);
const COMMAND_SCOPES = new Set([
  'default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member',
]);
const INLINE_RESULT_TYPES = new Set([
  'article', 'photo', 'gif', 'mpeg4_gif', 'video', 'audio', 'voice', 'document', 'location', 'venue', 'contact',
  'game', 'sticker',
]);
const BUTTON_ACTIONS = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'callback_game', 'pay', 'copy_text',
];

// ------------------------------------------------------------------ request parsing

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(url: URL, contentType: string | undefined, body: Buffer): Params {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (body.length === 0) return params;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw bad("can't parse JSON object");
    }
    if (!isObj(parsed)) throw bad("can't parse JSON object");
    Object.assign(params, parsed);
  } else if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  } else {
    // File uploads are out of scope for this fake; say so instead of failing obscurely.
    throw bad(`fake-bot-api does not accept content-type ${type}`);
  }
  return params;
}

function errorResponse(err: unknown): ApiResponse & { ok: false } {
  if (err instanceof ApiError) {
    return { ok: false, error_code: err.code, description: err.description, ...(err.parameters ? { parameters: err.parameters } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error_code: 500, description: `Internal Server Error: fake-bot-api: ${message}` };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Form-encoded and query-string values arrive as strings; Telegram accepts both forms.
function toInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function toBool(v: unknown): boolean {
  return v === true || v === 'true' || v === 'True' || v === 1 || v === '1';
}

function toStr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

// Object parameters may be sent JSON-serialized (form/query) or as JSON values.
function jsonish(v: unknown, what: string): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw bad(`can't parse ${what} JSON object`);
  }
}

function stableJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, val: unknown) =>
    isObj(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val,
  );
}

const now = () => Math.floor(Date.now() / 1000);

function omit<T extends object>(obj: T, ...keys: string[]): T {
  const copy = { ...obj } as Record<string, unknown>;
  for (const k of keys) delete copy[k];
  return copy as unknown as T;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function withoutReply(msg: MsgRecord): MsgRecord {
  // Telegram never nests reply_to_message more than one level.
  return omit(msg, 'reply_to_message');
}

function linkPreview(p: Params): unknown {
  if (p.link_preview_options !== undefined) return jsonish(p.link_preview_options, 'link preview options');
  if (toBool(p.disable_web_page_preview)) return { is_disabled: true };
  return undefined;
}

function isLink(url: string): boolean {
  return /^(https?|tg|ton):\/\/\S+$/i.test(url);
}

// ------------------------------------------------------------------ reply markup

function checkReplyMarkup(raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const m = jsonish(raw, 'reply keyboard markup');
  if (!isObj(m)) throw bad("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in m) {
    checkInlineMarkup(m);
    return m;
  }
  if ('keyboard' in m) {
    const rows = m.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    }
    for (const b of rows.flat() as unknown[]) {
      if (typeof b !== 'string' && !(isObj(b) && typeof b.text === 'string')) {
        throw bad('can\'t parse keyboard button: Field "text" must be of type String');
      }
    }
    return m;
  }
  if (m.remove_keyboard === true || m.force_reply === true) return m;
  throw bad("can't parse reply keyboard markup JSON object");
}

function checkInlineMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const m = jsonish(raw, 'inline keyboard markup');
  if (!isObj(m) || !('inline_keyboard' in m)) throw bad('inline keyboard expected');
  const rows = m.inline_keyboard;
  if (!Array.isArray(rows)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  for (const row of rows) {
    if (!Array.isArray(row)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) checkInlineButton(button);
  }
  return m as unknown as InlineKeyboardMarkup;
}

function checkInlineButton(b: unknown): void {
  if (!isObj(b)) throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof b.text !== 'string') throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
  const actions = BUTTON_ACTIONS.filter((k) => b[k] !== undefined);
  if (actions.length === 0) throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) {
    throw bad(`can't parse inline keyboard button: exactly one of the optional fields must be used, got ${actions.join(', ')}`);
  }
  if (b.callback_data !== undefined) {
    if (typeof b.callback_data !== 'string') {
      throw bad('can\'t parse inline keyboard button: Field "callback_data" must be of type String');
    }
    const bytes = Buffer.byteLength(b.callback_data, 'utf8');
    if (bytes < 1 || bytes > 64) throw bad('BUTTON_DATA_INVALID');
  }
  if (b.url !== undefined && (typeof b.url !== 'string' || !isLink(b.url))) throw bad('BUTTON_URL_INVALID');
  // Bot API 7.11 CopyTextButton: { text } of 1-256 characters.
  if (b.copy_text !== undefined) {
    if (!isObj(b.copy_text) || typeof b.copy_text.text !== 'string') {
      throw bad('can\'t parse inline keyboard button: Field "copy_text" must be of type CopyTextButton');
    }
    const n = [...b.copy_text.text].length;
    if (n < 1 || n > 256) throw bad('COPY_TEXT_INVALID');
  }
  for (const k of ['switch_inline_query', 'switch_inline_query_current_chat']) {
    if (b[k] !== undefined && typeof b[k] !== 'string') {
      throw bad(`can't parse inline keyboard button: Field "${k}" must be of type String`);
    }
  }
}

// ------------------------------------------------------------------ text and entities

/** Parses text per parse_mode (or explicit entities), then cleans and trims it like Telegram. */
function formatText(
  rawText: unknown,
  parseMode: unknown,
  rawEntities: unknown,
  lookupUser: (id: number) => User | undefined,
): Formatted {
  if (rawText === undefined || rawText === null) return { text: '', entities: [] };
  const text = toStr(rawText);
  if (text === undefined) throw bad('message text must be a String');
  let f: Formatted;
  const entities = rawEntities === undefined ? undefined : jsonish(rawEntities, 'message entities');
  if (Array.isArray(entities)) {
    f = { text, entities: explicitEntities(entities, text) };
  } else {
    const mode = (toStr(parseMode) ?? '').toLowerCase();
    if (mode === '') f = { text, entities: [] };
    else if (mode === 'html') f = parseHtml(text, lookupUser);
    else if (mode === 'markdown' || mode === 'markdownv2') {
      // Not emulated: failing loudly beats passing text Telegram might reject.
      throw bad(`fake-bot-api does not emulate parse_mode ${String(parseMode)}; use HTML`);
    } else throw bad('unsupported parse_mode');
  }
  f = cleanText(f);
  f.entities = sortEntities([...f.entities, ...autoEntities(f.text, f.entities)]);
  return f;
}

function explicitEntities(list: unknown[], text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  for (const e of list) {
    if (!isObj(e) || typeof e.type !== 'string') throw bad("can't parse MessageEntity: Field \"type\" must be of type String");
    const offset = toInt(e.offset);
    const length = toInt(e.length);
    if (offset === undefined || length === undefined) throw bad("can't parse MessageEntity: offset and length must be Integer");
    const start = Math.max(0, offset);
    const end = Math.min(text.length, offset + length);
    if (end > start) out.push({ ...(e as unknown as MessageEntity), offset: start, length: end - start });
  }
  return out;
}

/** Telegram drops \r, turns other control characters into spaces, trims, and forgets blank entities. */
function cleanText(f: Formatted): Formatted {
  const src = f.text;
  const map: number[] = [];
  let out = '';
  for (let i = 0; i < src.length; i++) {
    map.push(out.length);
    const c = src.charCodeAt(i);
    if (c === 13) continue;
    out += c < 32 && c !== 10 ? ' ' : src[i];
  }
  map.push(out.length);
  let entities = f.entities
    .map((e) => ({ ...e, offset: map[e.offset]!, length: map[e.offset + e.length]! - map[e.offset]! }))
    .filter((e) => e.length > 0 && /[^ \n]/.test(out.slice(e.offset, e.offset + e.length)));
  const end = out.replace(/[ \n]+$/, '').length;
  out = out.slice(0, end);
  entities = entities
    .map((e) => ({ ...e, length: Math.min(e.offset + e.length, end) - e.offset }))
    .filter((e) => e.length > 0);
  // Leading blanks go only up to the first entity, as in tdlib.
  const firstEntity = entities.reduce((m, e) => Math.min(m, e.offset), out.length);
  let start = 0;
  while (start < firstEntity && (out[start] === ' ' || out[start] === '\n')) start++;
  return { text: out.slice(start), entities: entities.map((e) => ({ ...e, offset: e.offset - start })) };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const charBefore = (s: string, i: number) => (i > 0 ? Array.from(s.slice(Math.max(0, i - 2), i)).pop() ?? '' : '');
const charAt = (s: string, i: number) => (i < s.length ? String.fromCodePoint(s.codePointAt(i)!) : '');

/** The entities Telegram finds by itself: /commands and @mentions (not urls, hashtags, emails). */
function autoEntities(text: string, existing: MessageEntity[]): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const m of text.matchAll(/\/([A-Za-z0-9_]+)(@[A-Za-z0-9_]*)?/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]!.length > 64 || (m[2] !== undefined && (m[2].length - 1 < 3 || m[2].length - 1 > 32))) continue;
    const prev = charBefore(text, start);
    const next = charAt(text, end);
    if (WORD_CHAR.test(prev) || '/<>'.includes(prev || 'x')) continue;
    if (WORD_CHAR.test(next) || '/<>'.includes(next || 'x')) continue;
    found.push({ type: 'bot_command', offset: start, length: end - start });
  }
  for (const m of text.matchAll(/@([A-Za-z0-9_]+)/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]!.length < 2 || m[1]!.length > 32) continue;
    if (WORD_CHAR.test(charBefore(text, start)) || WORD_CHAR.test(charAt(text, end))) continue;
    if (found.some((e) => e.offset < end && start < e.offset + e.length)) continue;
    found.push({ type: 'mention', offset: start, length: end - start });
  }
  // Telegram finds nothing inside code, pre and links.
  const opaque = existing.filter((e) => ['code', 'pre', 'text_link', 'text_mention', 'custom_emoji'].includes(e.type));
  return found.filter((a) => !opaque.some((e) => a.offset < e.offset + e.length && e.offset < a.offset + a.length));
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function quoteEntities(source: MessageEntity[], position: number, length: number): MessageEntity[] {
  const kept = new Set(['bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'custom_emoji']);
  const out: MessageEntity[] = [];
  for (const e of source) {
    if (!kept.has(e.type)) continue;
    const start = Math.max(e.offset, position);
    const end = Math.min(e.offset + e.length, position + length);
    if (end > start) out.push({ ...e, offset: start - position, length: end - start });
  }
  return out;
}

const HTML_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'tg-emoji', 'code', 'pre', 'blockquote',
]);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

interface OpenTag {
  tag: string;
  arg: string;
  offset: number;
  expandable: boolean;
}
type RawEntity = MessageEntity & { language?: string; arg?: string };

/**
 * A port of tdlib's parse_html (the parser behind the Bot API's parse_mode HTML), with offsets in
 * UTF-16 units because JS strings are UTF-16, and error offsets in UTF-8 bytes as Telegram reports them.
 */
export function parseHtml(text: string, lookupUser: (id: number) => User | undefined = () => undefined): Formatted {
  const n = text.length;
  const ch = (k: number) => (k < n ? text[k]! : '');
  const byteAt = (k: number) => Buffer.byteLength(text.slice(0, k), 'utf8');
  const fail = (what: string): never => {
    throw bad(`can't parse entities: ${what}`);
  };
  const entities: RawEntity[] = [];
  const stack: OpenTag[] = [];
  let out = '';

  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '&') {
      const d = decodeHtmlEntity(text, i, fail, byteAt);
      if (d) {
        out += d.value;
        i = d.end - 1;
        continue;
      }
    }
    if (c !== '<') {
      out += c;
      continue;
    }
    const begin = i++;
    if (ch(i) !== '/') {
      while (ch(i) !== '' && !isSpace(ch(i)) && ch(i) !== '>') i++;
      if (ch(i) === '') fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
      const tag = text.slice(begin + 1, i).toLowerCase();
      if (!HTML_TAGS.has(tag)) fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(begin)}`);
      let arg = '';
      let hasHref = false;
      let expandable = false;
      while (ch(i) !== '>') {
        while (ch(i) !== '' && isSpace(ch(i))) i++;
        if (ch(i) === '>') break;
        if (ch(i) === '') fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
        const attrBegin = i;
        while (ch(i) !== '' && !isSpace(ch(i)) && ch(i) !== '=' && ch(i) !== '>') i++;
        const attr = text.slice(attrBegin, i);
        if (attr === '') fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteAt(begin)}`);
        while (ch(i) !== '' && isSpace(ch(i))) i++;
        if (ch(i) !== '=') {
          if (ch(i) === '') fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
          if (tag === 'blockquote' && attr === 'expandable') {
            expandable = true;
            continue;
          }
          fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteAt(begin)}`);
        }
        i++;
        while (ch(i) !== '' && isSpace(ch(i))) i++;
        if (ch(i) === '') fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(begin)}`);
        let value = '';
        if (ch(i) !== '"' && ch(i) !== "'") {
          // An unquoted value is an HTML name token and is case-insensitive.
          const tokenBegin = i;
          while (/^[A-Za-z0-9.-]$/.test(ch(i))) i++;
          value = text.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(ch(i)) && ch(i) !== '>') fail(`Unexpected end of name token at byte offset ${byteAt(tokenBegin)}`);
        } else {
          const quote = ch(i++);
          while (ch(i) !== quote && ch(i) !== '') {
            if (ch(i) === '&') {
              const d = decodeHtmlEntity(text, i, fail, byteAt);
              if (d) {
                value += d.value;
                i = d.end;
                continue;
              }
            }
            value += ch(i++);
          }
          if (ch(i) === quote) i++;
        }
        if (ch(i) === '') fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
        if (tag === 'a' && attr === 'href') {
          arg = value;
          hasHref = true;
        } else if (tag === 'code' && attr === 'class' && value.startsWith('language-')) {
          arg = value.slice('language-'.length);
        } else if (tag === 'span' && attr === 'class' && value.startsWith('tg-')) {
          arg = value.slice('tg-'.length);
        } else if (tag === 'tg-emoji' && attr === 'emoji-id') {
          arg = value;
        }
      }
      if (tag === 'span' && arg !== 'spoiler') fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(begin)}`);
      // Telegram would fall back to the link text; this fake insists on href to catch broken links.
      if (tag === 'a' && !hasHref) fail(`Tag "a" must have attribute "href" at byte offset ${byteAt(begin)}`);
      stack.push({ tag, arg, offset: out.length, expandable });
    } else {
      if (stack.length === 0) fail(`Unexpected end tag at byte offset ${byteAt(begin)}`);
      while (ch(i) !== '' && !isSpace(ch(i)) && ch(i) !== '>') i++;
      const endTag = text.slice(begin + 2, i);
      while (ch(i) !== '' && isSpace(ch(i))) i++;
      if (ch(i) !== '>') fail(`Unclosed end tag at byte offset ${byteAt(begin)}`);
      const open = stack.pop()!;
      if (endTag !== '' && endTag !== open.tag) {
        fail(`Unmatched end tag at byte offset ${byteAt(begin)}, expected "</${open.tag}>", found "</${endTag}>"`);
      }
      const length = out.length - open.offset;
      if (length > 0) addHtmlEntity(entities, open, length, out, lookupUser, fail);
    }
  }
  if (stack.length > 0) fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]!.tag}"`);

  // The code class only gives a language to an enclosing <pre>; it is not part of the result.
  const result = entities.map((e) => omit(e, 'arg') as MessageEntity);
  return { text: out, entities: dropNested(result) };
}

function addHtmlEntity(
  entities: RawEntity[],
  open: OpenTag,
  length: number,
  out: string,
  lookupUser: (id: number) => User | undefined,
  fail: (what: string) => never,
): void {
  const offset = open.offset;
  const last = entities[entities.length - 1];
  const simple: Record<string, string> = {
    b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
    s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler',
  };
  const type = simple[open.tag];
  if (type) {
    entities.push({ type, offset, length } as RawEntity);
  } else if (open.tag === 'blockquote') {
    entities.push({ type: open.expandable ? 'expandable_blockquote' : 'blockquote', offset, length } as unknown as RawEntity);
  } else if (open.tag === 'tg-emoji') {
    if (!/^\d{1,19}$/.test(open.arg) || /^0+$/.test(open.arg)) fail('Invalid custom emoji identifier specified');
    entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.arg });
  } else if (open.tag === 'a') {
    const link = linkEntity(open.arg || out.slice(offset), offset, length, lookupUser);
    if (link) entities.push(link);
  } else if (open.tag === 'pre') {
    // <pre><code class="language-x"> closes code first: the pair becomes one pre with a language.
    if (last && last.type === 'code' && last.offset === offset && last.length === length && last.arg) {
      const language = last.arg;
      entities[entities.length - 1] = { type: 'pre', offset, length, language };
    } else {
      entities.push({ type: 'pre', offset, length });
    }
  } else if (open.tag === 'code') {
    if (last && last.type === 'pre' && last.offset === offset && last.length === length && open.arg) {
      entities[entities.length - 1] = { type: 'pre', offset, length, language: open.arg };
    } else {
      entities.push({ type: 'code', offset, length, arg: open.arg });
    }
  }
}

/** Telegram silently drops a link it cannot parse; tg://user?id= becomes a mention of a known user. */
function linkEntity(url: string, offset: number, length: number, lookupUser: (id: number) => User | undefined): RawEntity | undefined {
  const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
  const user = mention ? lookupUser(Number(mention[1])) : undefined;
  if (user) return { type: 'text_mention', offset, length, user };
  if (/^https?:\/\/\S+$/i.test(url)) {
    try {
      return { type: 'text_link', offset, length, url: new URL(url).href };
    } catch {
      return undefined;
    }
  }
  if (/^(tg|ton):\/\/\S+$/i.test(url)) return { type: 'text_link', offset, length, url };
  if (/^[^\s/:@]+\.[a-z]{2,}(?:[/?#]\S*)?$/i.test(url)) {
    try {
      return { type: 'text_link', offset, length, url: new URL(`http://${url}`).href };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Nothing can sit inside code or pre, and blockquotes do not nest. */
function dropNested(entities: MessageEntity[]): MessageEntity[] {
  const isQuote = (e: MessageEntity) => e.type === 'blockquote' || (e.type as string) === 'expandable_blockquote';
  const isCode = (e: MessageEntity) => e.type === 'code' || e.type === 'pre';
  // o swallows e when it covers e; on an exact tie pre beats code, else the outer (earlier-closed later) one wins.
  const swallows = (o: MessageEntity, oi: number, e: MessageEntity, ei: number) => {
    if (o === e || e.offset < o.offset || e.offset + e.length > o.offset + o.length) return false;
    if (e.offset === o.offset && e.length === o.length) {
      if (e.type === 'pre' && o.type === 'code') return false;
      if (e.type === 'code' && o.type === 'pre') return true;
      return oi > ei;
    }
    return true;
  };
  return entities.filter(
    (e, ei) => !entities.some((o, oi) => (isCode(o) || (isQuote(o) && isQuote(e))) && swallows(o, oi, e, ei)),
  );
}

/**
 * Decodes &lt; &gt; &amp; &quot; and numeric references (the ';' is optional, as in tdlib).
 * Returns undefined to keep the '&' literally; an unknown named entity like &nbsp; is an error here
 * (Telegram would show it literally, which is never what a bot meant).
 */
function decodeHtmlEntity(
  text: string,
  pos: number,
  fail: (what: string) => never,
  byteAt: (k: number) => number,
): { value: string; end: number } | undefined {
  let end = pos + 1;
  let value: string;
  if (text[end] === '#') {
    end++;
    let code = 0;
    const hex = text[end] === 'x';
    if (hex) end++;
    const digits = hex ? /^[0-9a-fA-F]$/ : /^[0-9]$/;
    while (end < text.length && digits.test(text[end]!)) {
      code = code * (hex ? 16 : 10) + parseInt(text[end]!, 16);
      end++;
      if (code >= 0x10ffff) return undefined;
    }
    if (code === 0 || end - pos >= 10) return undefined;
    if (code >= 0xd800 && code <= 0xdfff) {
      fail('Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units');
    }
    value = String.fromCodePoint(code);
  } else {
    while (end < text.length && /^[A-Za-z]$/.test(text[end]!)) end++;
    const name = text.slice(pos + 1, end);
    const known: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
    const decoded = known[name];
    if (decoded === undefined) {
      if (name !== '' && text[end] === ';') fail(`Unsupported HTML entity "&${name};" at byte offset ${byteAt(pos)}`);
      return undefined;
    }
    value = decoded;
  }
  if (text[end] === ';') end++;
  return { value, end };
}
