// User-facing wording in Chinese and English, in one place for the terminal and Telegram alike.
// Passages are always quoted in their original language; only this interface text is translated.
import type { NotAnsweredReason, Source } from '../search/answer.js';

export type Lang = 'zh' | 'en';

/** UI language from a Telegram language_code or a question: Chinese for zh*, English otherwise. */
export function uiLang(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A question written in Chinese gets a Chinese interface. */
export function langOfText(text: string): Lang {
  return /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
}

export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (lang === 'zh') return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`;
  const month = mo ? new Date(Date.UTC(2000, Number(mo) - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' }) : '';
  return [d ? Number(d) : '', month, y].filter(Boolean).join(' ');
}

/** 《title》 · paper · date · section — the citation line under every quote. */
export function citation(s: Source, lang: Lang): string {
  return [`《${s.title}》`, s.paper, formatDate(s.date, lang) || (lang === 'zh' ? '日期不详' : 'date unknown'), s.section]
    .filter(Boolean)
    .join(' · ');
}

export const MESSAGES = {
  zh: {
    notCovered: '这些报道里没有找到能回答这个问题的内容。可以换个说法，或者问报道里提到的地区、人物、项目和数字（/sources 查看报道列表）。',
    needsModel: '英文等外文提问需要多语种嵌入模型（例如 Xenova/multilingual-e5-small），当前只能用中文关键词检索。请用中文提问。',
    empty: '请发一个问题，例如：永川区委书记是谁？',
    tooLong: (max: number) => `问题太长了（最多 ${max} 个字），请只保留要问的内容。`,
    notText: '我只能回答文字提问。请用一句话描述想在报道里找的内容。',
    answerLead: '最相关的一句：',
    more: '更多结果',
    context: '完整段落',
    noMore: '没有更多结果了。',
    expired: '这条结果已过期，请重新提问。',
    sourcesTitle: (n: number) => `报道库共 ${n} 篇文章：`,
    modeLexical: '（当前为关键词检索模式：未加载嵌入模型）',
    busy: '当前提问较多，请稍后再试。',
    error: '处理这个问题时出了点问题，请稍后再试。',
    page: (from: number, to: number, total: number) => `第 ${from}–${to} 条，共 ${total} 条`,
    inlineHint: '输入关键词查找报道原文',
    inlineNothing: '没有找到相关报道，点此查看用法',
  },
  en: {
    notCovered: 'The coverage does not answer this. Try other words, or ask about the districts, people, projects and figures it reports (/sources lists the articles).',
    needsModel: 'Questions in English need a multilingual embedding model (e.g. Xenova/multilingual-e5-small); this bot currently searches Chinese keywords only. Please ask in Chinese.',
    empty: 'Send a question, for example: 永川区委书记是谁？',
    tooLong: (max: number) => `That question is too long (at most ${max} characters); keep just what you want to know.`,
    notText: 'I can only answer text questions. Describe in one sentence what you are looking for in the coverage.',
    answerLead: 'Best matching sentence:',
    more: 'More results',
    context: 'Full paragraph',
    noMore: 'No more results.',
    expired: 'This result has expired; please ask again.',
    sourcesTitle: (n: number) => `The coverage holds ${n} articles:`,
    modeLexical: '(keyword search mode: no embedding model loaded)',
    busy: 'Too many questions right now; please try again shortly.',
    error: 'Something went wrong with this question; please try again later.',
    page: (from: number, to: number, total: number) => `results ${from}–${to} of ${total}`,
    inlineHint: 'Type keywords to find a passage',
    inlineNothing: 'Nothing found — tap for help',
  },
} as const;

export function notAnsweredText(reason: NotAnsweredReason | undefined, lang: Lang): string {
  const m = MESSAGES[lang];
  if (reason === 'needs-model') return m.needsModel;
  if (reason === 'empty') return m.empty;
  return m.notCovered;
}
