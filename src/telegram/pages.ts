// What a "more results" button needs to know (the question and its language), kept in memory under a
// short key because callback_data holds at most 64 bytes. Bounded; entries expire. After a restart
// old buttons answer "expired, please ask again".
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Lang } from '../present/messages.js';

export interface PageState {
  question: string;
  lang: Lang;
}

export class PageStore {
  private readonly cache: LRUCache<string, PageState>;

  constructor(max = 10_000, ttlMs = 7 * 24 * 3600 * 1000) {
    this.cache = new LRUCache({ max, ttl: ttlMs });
  }

  save(state: PageState): string {
    const key = randomBytes(6).toString('base64url');
    this.cache.set(key, state);
    return key;
  }

  get(key: string): PageState | undefined {
    return this.cache.get(key);
  }
}
