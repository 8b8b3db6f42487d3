// Adding articles from the chat (admins only, ADMIN_USER_IDS): a .txt/.md/.docx document sent in a
// private chat, or /add <url>. The article goes into corpus/ with a sidecar of what was detected, the index is brought
// up to date by the same ingest /reload runs (only the new file is embedded), and the admin sees what
// was understood with buttons to fix the title or date or to undo. Bad input gets one clear line and
// changes nothing. Additions run one at a time, so two admins adding at once both land.
import { Composer, type Context } from 'telegraf';
import { chunkArticle } from '../../corpus/chunk.js';
import { loadArticle } from '../../corpus/load.js';
import { ADMIN, shownDate, type Lang } from '../../present/messages.js';
import { escapeHtml } from '../../present/telegram.js';
import { DOCUMENT_TYPES, IntakeError, extractDocument, extractPage, type Extracted } from '../../intake/extract.js';
import { PrivateAddressError, downloadFile, fetchPage, parseHttpUrl } from '../../intake/fetch.js';
import { DATE_INPUT, addArticle, removeArticle, updateMeta } from '../../intake/files.js';
import { log } from '../../log.js';
import type { App, Keyboard } from '../app.js';
import { commandArgument } from '../questions.js';
import { button } from './callbacks.js';

export function intakeButtons(file: string, lang: Lang): Keyboard {
  const a = ADMIN[lang];
  return [[
    { text: a.fixTitle, callback_data: `i:t:${file}` },
    { text: a.fixDate, callback_data: `i:d:${file}` },
    { text: a.undo, callback_data: `i:u:${file}` },
  ]];
}

export function intake(app: App): Composer<Context> {
  const { config } = app;
  const maxBytes = config.INTAKE_MAX_MB * 1024 * 1024;
  let tail: Promise<unknown> = Promise.resolve();
  /** One addition, correction or removal at a time (file numbering and re-indexing are shared). */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
  const reindex = async () => {
    if (app.reload) log.info(`intake: ${await app.reload()}`);
  };

  /** Writes, checks and indexes an extracted article; replies with what was understood. */
  const land = (ctx: Context, extracted: Extracted, replyTo: number) =>
    serial(async () => {
      const lang = app.lang(ctx);
      const dir = config.CORPUS_DIR;
      const { text, ...meta } = extracted;
      if (text.replace(/\s/g, '').length < 20) throw new IntakeError(ADMIN[lang].noText);
      const file = await addArticle(dir, text, meta);
      let article;
      try {
        article = await loadArticle(dir, file);
      } catch (e) {
        await removeArticle(dir, file);
        throw new IntakeError((e as Error).message.replace(`${file}: `, ''));
      }
      // The sidecar records what was detected, so the admin can see and correct it.
      const { title, paper, date, url } = article.meta;
      await updateMeta(dir, file, { title, paper, date, ...(url ? { url } : {}) });
      await reindex();
      app.state.recordIntake({ file, title, date, addedBy: ctx.from!.id });
      const passages = chunkArticle(article, { maxChars: config.CHUNK_MAX_CHARS, overlapChars: config.CHUNK_OVERLAP_CHARS }).length;
      await app.send(ctx.chat!.id, escapeHtml(ADMIN[lang].added(title, shownDate(date, lang), passages, file)), {
        replyTo,
        keyboard: intakeButtons(file, lang),
      });
    });

  const fail = async (ctx: Context, e: unknown, replyTo: number) => {
    const a = ADMIN[app.lang(ctx)];
    if (!(e instanceof IntakeError)) throw e;
    const line = e instanceof PrivateAddressError ? a.privateAddress : e.message === 'unsupported' ? a.unsupported : e.message;
    await app.send(ctx.chat!.id, escapeHtml(line), { replyTo });
  };

  const c = new Composer<Context>();

  c.on('document', async (ctx, next) => {
    const doc = ctx.message.document;
    const a = ADMIN[app.lang(ctx)];
    const replyTo = ctx.message.message_id;
    // Documents are taken in from private chats only: files shared in a newsroom group are not submissions.
    if (ctx.chat.type !== 'private') return next();
    if (!app.isAdmin(ctx)) {
      // A document with a caption is a question like any other; without one, the reader is told why nothing happens.
      if (ctx.message.caption) return next();
      await app.send(ctx.chat.id, escapeHtml(a.notAdmin), { replyTo });
      return;
    }
    if (!DOCUMENT_TYPES.test(doc.file_name ?? '')) {
      if (ctx.message.caption) return next();
      await app.send(ctx.chat.id, escapeHtml(a.unsupported), { replyTo });
      return;
    }
    if ((doc.file_size ?? 0) > maxBytes) {
      await app.send(ctx.chat.id, escapeHtml(a.tooLarge(config.INTAKE_MAX_MB)), { replyTo });
      return;
    }
    try {
      const link = await app.api.getFileLink(doc.file_id);
      const bytes = await downloadFile(link, { timeoutMs: config.INTAKE_FETCH_TIMEOUT_MS, maxBytes });
      const extracted = await extractDocument(doc.file_name!, bytes);
      await land(ctx, extracted, replyTo);
    } catch (e) {
      const known = e instanceof IntakeError && (e.message === 'unsupported' || e.message === a.noText);
      await fail(ctx, e instanceof IntakeError && !known ? new IntakeError(a.unreadable(e.message)) : e, replyTo);
    }
  });

  c.command('add', async (ctx) => {
    const a = ADMIN[app.lang(ctx)];
    const replyTo = ctx.message.message_id;
    if (!app.isAdmin(ctx)) {
      await app.send(ctx.chat.id, escapeHtml(a.notAdmin), { replyTo });
      return;
    }
    const url = parseHttpUrl(commandArgument(ctx.message.text));
    if (!url) {
      await app.send(ctx.chat.id, escapeHtml(a.badUrl), { replyTo });
      return;
    }
    try {
      const page = await fetchPage(url.href, { timeoutMs: config.INTAKE_FETCH_TIMEOUT_MS, maxBytes, allowPrivate: config.INTAKE_ALLOW_PRIVATE_URLS });
      await land(ctx, extractPage(page.html, page.url), replyTo);
    } catch (e) {
      await fail(ctx, e instanceof IntakeError && !(e instanceof PrivateAddressError) && e.message !== a.noText ? new IntakeError(a.fetchFailed(e.message)) : e, replyTo);
    }
  });

  // Corrections: "fix title/date" asks for a reply; the reply to that prompt is the new value.
  c.on('text', async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (!replied || !app.isAdmin(ctx)) return next();
    const pending = app.state.takePending(ctx.chat.id, replied.message_id);
    if (!pending) return next();
    const a = ADMIN[app.lang(ctx)];
    const value = ctx.message.text.trim();
    if (pending.field === 'date' && !DATE_INPUT.test(value)) {
      app.state.setPending(ctx.chat.id, replied.message_id, pending); // the prompt stays answerable
      await app.send(ctx.chat.id, escapeHtml(a.badDate), { replyTo: ctx.message.message_id });
      return;
    }
    const updated = await serial(async () => {
      try {
        await updateMeta(config.CORPUS_DIR, pending.file, { [pending.field]: value });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false; // undone or removed meanwhile
        throw e;
      }
      await reindex();
      return true;
    });
    if (!updated) {
      await app.send(ctx.chat.id, escapeHtml(a.gone), { replyTo: ctx.message.message_id });
      return;
    }
    const article = await loadArticle(config.CORPUS_DIR, pending.file);
    app.state.recordIntake({ file: pending.file, title: article.meta.title, date: article.meta.date, addedBy: ctx.from.id });
    await app.send(ctx.chat.id, escapeHtml(a.updated(article.meta.title, shownDate(article.meta.date, app.lang(ctx)))), {
      replyTo: ctx.message.message_id,
    });
  });

  const adminOnly = (ctx: Context) => (app.isAdmin(ctx) ? undefined : ADMIN[app.lang(ctx)].notAdmin);

  c.use(
    button(app.api, /^i:([td]):([\w.-]+)$/, async (ctx, match, message) => {
      const refused = adminOnly(ctx);
      if (refused) return refused;
      const a = ADMIN[app.lang(ctx)];
      const field = match[1] === 't' ? 'title' : 'date';
      const prompt = await app.api.sendMessage(message.chat.id, field === 'title' ? a.askTitle : a.askDate, {
        reply_markup: { force_reply: true, selective: true },
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      });
      app.state.setPending(message.chat.id, prompt.message_id, { file: match[2]!, field });
      return undefined;
    }),
    button(app.api, /^(?:i:u|r):([\w.-]+)$/, async (ctx, match, message) => {
      const refused = adminOnly(ctx);
      if (refused) return refused;
      const a = ADMIN[app.lang(ctx)];
      const file = match[1]!;
      const removed = await serial(async () => {
        const gone = await removeArticle(config.CORPUS_DIR, file).catch((e: unknown) => {
          if (e instanceof IntakeError) return false;
          throw e;
        });
        if (gone) await reindex();
        return gone;
      });
      app.state.forgetIntake(file);
      await app.send(message.chat.id, escapeHtml(removed ? a.undone(file) : a.gone), { replyTo: message.message_id });
      return undefined;
    }),
  );

  c.command('remove', async (ctx) => {
    const a = ADMIN[app.lang(ctx)];
    if (!app.isAdmin(ctx)) {
      await app.send(ctx.chat.id, escapeHtml(a.notAdmin), { replyTo: ctx.message.message_id });
      return;
    }
    const recent = app.state.recentIntake(10);
    if (recent.length === 0) {
      await app.send(ctx.chat.id, escapeHtml(a.removeNone));
      return;
    }
    const lang = app.lang(ctx);
    const keyboard: Keyboard = recent.map((r) => [{ text: `✕ 《${r.title}》 ${shownDate(r.date, lang)}`.slice(0, 60), callback_data: `r:${r.file}` }]);
    await app.send(ctx.chat.id, escapeHtml(a.removeList), { keyboard });
  });

  return c;
}
