// The bot's state that must outlive a restart, in one SQLite file under DATA_DIR: what each answer was
// (question, language, chat type, quoted passages) so that its buttons keep working and a reply to it
// can be completed as a follow-up; readers' 👍/👎; articles added from the chat (for /remove and undo);
// and pending "reply with the new title/date" prompts. better-sqlite3 is synchronous and fast: every
// call here is a single indexed statement.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Lang } from '../present/messages.js';

export interface AnswerRecord {
  key: string;
  question: string;
  lang: Lang;
  chatType: string;
  chunkIds: number[];
  at: number;
}

export interface FeedbackRow {
  key: string;
  userId: number;
  vote: 1 | -1;
  question: string;
  chunkIds: number[];
  chatType: string;
  at: number;
}

export interface IntakeRecord {
  file: string;
  title: string;
  date: string;
  addedBy: number;
  at: number;
}

export interface PendingEdit {
  file: string;
  field: 'title' | 'date';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, question TEXT NOT NULL, lang TEXT NOT NULL, chat_type TEXT NOT NULL, chunk_ids TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS answers_at ON answers(at);
CREATE TABLE IF NOT EXISTS sent (chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (chat_id, message_id));
CREATE TABLE IF NOT EXISTS feedback (key TEXT NOT NULL, user_id INTEGER NOT NULL, vote INTEGER NOT NULL, question TEXT NOT NULL, chunk_ids TEXT NOT NULL, chat_type TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (key, user_id));
CREATE TABLE IF NOT EXISTS intake (file TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL, added_by INTEGER NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pending (chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, file TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (chat_id, message_id));
`;

/** Answers older than this lose their buttons' state (feedback is kept). */
const ANSWER_TTL_MS = 30 * 24 * 3600 * 1000;

export const STATE_FILE = 'bot.sqlite';

export class BotState {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec(SCHEMA);
    const cutoff = Date.now() - ANSWER_TTL_MS;
    this.db.prepare('DELETE FROM sent WHERE key IN (SELECT key FROM answers WHERE at < ?)').run(cutoff);
    this.db.prepare('DELETE FROM answers WHERE at < ?').run(cutoff);
  }

  static open(dataDir: string): BotState {
    return new BotState(path.join(dataDir, STATE_FILE));
  }

  close(): void {
    this.db.close();
  }

  /** Records an answer; the returned key (8 characters) goes into its buttons' callback_data. */
  saveAnswer(a: Omit<AnswerRecord, 'key' | 'at'>): string {
    const key = randomBytes(6).toString('base64url');
    this.db
      .prepare('INSERT INTO answers (key, question, lang, chat_type, chunk_ids, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, a.question, a.lang, a.chatType, JSON.stringify(a.chunkIds), Date.now());
    return key;
  }

  answer(key: string): AnswerRecord | undefined {
    const r = this.db.prepare('SELECT * FROM answers WHERE key = ?').get(key) as Record<string, unknown> | undefined;
    return r && {
      key: String(r.key),
      question: String(r.question),
      lang: r.lang === 'zh' ? 'zh' : 'en',
      chatType: String(r.chat_type),
      chunkIds: JSON.parse(String(r.chunk_ids)) as number[],
      at: Number(r.at),
    };
  }

  /** A message the bot sent for an answer (a reply to it is a follow-up of that answer's question). */
  linkMessage(chatId: number, messageId: number, key: string): void {
    this.db.prepare('INSERT OR REPLACE INTO sent (chat_id, message_id, key) VALUES (?, ?, ?)').run(chatId, messageId, key);
  }

  answerOfMessage(chatId: number, messageId: number): AnswerRecord | undefined {
    const r = this.db.prepare('SELECT key FROM sent WHERE chat_id = ? AND message_id = ?').get(chatId, messageId) as { key: string } | undefined;
    return r && this.answer(r.key);
  }

  /** One vote per reader and answer; voting again changes it. */
  vote(key: string, userId: number, vote: 1 | -1): boolean {
    const a = this.answer(key);
    if (!a) return false;
    this.db
      .prepare('INSERT OR REPLACE INTO feedback (key, user_id, vote, question, chunk_ids, chat_type, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(key, userId, vote, a.question, JSON.stringify(a.chunkIds), a.chatType, Date.now());
    return true;
  }

  feedback(vote?: 1 | -1): FeedbackRow[] {
    const rows = (vote === undefined
      ? this.db.prepare('SELECT * FROM feedback ORDER BY at').all()
      : this.db.prepare('SELECT * FROM feedback WHERE vote = ? ORDER BY at').all(vote)) as Record<string, unknown>[];
    return rows.map((r) => ({
      key: String(r.key),
      userId: Number(r.user_id),
      vote: Number(r.vote) > 0 ? 1 : -1,
      question: String(r.question),
      chunkIds: JSON.parse(String(r.chunk_ids)) as number[],
      chatType: String(r.chat_type),
      at: Number(r.at),
    }));
  }

  counts(): { answers: number; up: number; down: number; added: number } {
    const one = (sql: string) => Number((this.db.prepare(sql).get() as { n: number }).n);
    return {
      answers: one('SELECT COUNT(*) AS n FROM answers'),
      up: one('SELECT COUNT(*) AS n FROM feedback WHERE vote > 0'),
      down: one('SELECT COUNT(*) AS n FROM feedback WHERE vote < 0'),
      added: one('SELECT COUNT(*) AS n FROM intake'),
    };
  }

  recordIntake(r: Omit<IntakeRecord, 'at'>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO intake (file, title, date, added_by, at) VALUES (?, ?, ?, ?, ?)')
      .run(r.file, r.title, r.date, r.addedBy, Date.now());
  }

  intake(file: string): IntakeRecord | undefined {
    const r = this.db.prepare('SELECT * FROM intake WHERE file = ?').get(file) as Record<string, unknown> | undefined;
    return r && { file: String(r.file), title: String(r.title), date: String(r.date), addedBy: Number(r.added_by), at: Number(r.at) };
  }

  recentIntake(limit = 10): IntakeRecord[] {
    return (this.db.prepare('SELECT * FROM intake ORDER BY at DESC, rowid DESC LIMIT ?').all(limit) as Record<string, unknown>[]).map((r) => ({
      file: String(r.file),
      title: String(r.title),
      date: String(r.date),
      addedBy: Number(r.added_by),
      at: Number(r.at),
    }));
  }

  forgetIntake(file: string): void {
    this.db.prepare('DELETE FROM intake WHERE file = ?').run(file);
  }

  setPending(chatId: number, messageId: number, edit: PendingEdit): void {
    this.db.prepare('INSERT OR REPLACE INTO pending (chat_id, message_id, file, field) VALUES (?, ?, ?, ?)').run(chatId, messageId, edit.file, edit.field);
  }

  takePending(chatId: number, messageId: number): PendingEdit | undefined {
    const r = this.db.prepare('SELECT file, field FROM pending WHERE chat_id = ? AND message_id = ?').get(chatId, messageId) as
      | { file: string; field: string }
      | undefined;
    if (!r) return undefined;
    this.db.prepare('DELETE FROM pending WHERE chat_id = ? AND message_id = ?').run(chatId, messageId);
    return { file: r.file, field: r.field === 'date' ? 'date' : 'title' };
  }
}
