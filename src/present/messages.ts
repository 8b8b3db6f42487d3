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

/** The date as shown, or "date unknown" when the coverage does not give one. */
export function shownDate(date: string, lang: Lang): string {
  return formatDate(date, lang) || (lang === 'zh' ? '日期不详' : 'date unknown');
}

/** The section label without a repeat of the title (a story's own headline heads its first section). */
export function sectionLabel(s: Source): string {
  const parts = s.section.split(' · ').filter((x) => x && x !== s.title);
  return parts.join(' · ');
}

/** 《title》 · paper · date · section — the citation line under every quote. */
export function citation(s: Source, lang: Lang): string {
  return [`《${s.title}》`, s.paper, shownDate(s.date, lang), sectionLabel(s)].filter(Boolean).join(' · ');
}

export const MESSAGES = {
  zh: {
    neverMentioned: (names: readonly string[]) => `这些报道没有提到${names.map((n) => `「${n}」`).join('、')}。`,
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
    possiblyRelevant: '可能相关（把握不大）：',
    closestButton: '最接近的段落',
    closestLead: '以下是最接近的段落，但它们并不能回答这个问题：',
    caption: '图片说明',
    byline: '署名',
    heading: '标题',
    translated: (terms: readonly string[]) => `通过翻译后的关键词匹配：${terms.join('、')}`,
    copy: '复制引用',
    unknownCommand: '没有这个命令。发送 /help 查看用法，或直接提问。',
    askWhat: (example: string) => `请在 /ask 后面写上问题，例如：/ask ${example}`,
    telegramOnly: (command: string) => `/${command} 只在 Telegram 里可用。这里直接输入问题即可（/help 查看用法）。`,
    followup: (q: string) => `追问理解为：${q}`,
    thanks: '谢谢反馈！',
    voteUp: '👍',
    voteDown: '👎',
    privateBot: '本机器人仅限授权用户使用。 / This bot is private.',
  },
  en: {
    neverMentioned: (names: readonly string[]) => `The coverage never mentions ${names.join(', ')}.`,
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
    possiblyRelevant: 'Possibly relevant (low confidence):',
    closestButton: 'Closest passages',
    closestLead: 'The closest passages — they do not answer the question:',
    caption: 'Photo caption',
    byline: 'Byline',
    heading: 'Headline',
    translated: (terms: readonly string[]) => `Matched through translated keywords: ${terms.join(', ')}`,
    copy: 'Copy citation',
    unknownCommand: 'Unknown command. Send /help to see how to use the bot, or just ask a question.',
    askWhat: (example: string) => `Put the question after /ask, e.g. /ask ${example}`,
    telegramOnly: (command: string) => `/${command} works in Telegram only. Here, just type a question (/help shows how).`,
    followup: (q: string) => `Follow-up understood as: ${q}`,
    thanks: 'Thanks for the feedback!',
    voteUp: '👍',
    voteDown: '👎',
    privateBot: 'This bot is private. / 本机器人仅限授权用户使用。',
  },
} as const;

/** Why a question is not answered; `absent`: names the question gives that the coverage never mentions. */
export function notAnsweredText(reason: NotAnsweredReason | undefined, lang: Lang, absent: readonly string[] = []): string {
  const m = MESSAGES[lang];
  if (reason === 'needs-model') return m.needsModel;
  if (reason === 'empty') return m.empty;
  return absent.length ? `${m.neverMentioned(absent)} ${m.notCovered}` : m.notCovered;
}

export interface StartFacts {
  articles: number;
  span: string;
  examples: string[];
  username: string;
}

/** /start and /help, for Telegram (HTML; `examples` already escaped) and the terminal. */
export const GUIDE = {
  zh: {
    start: (f: StartFacts) =>
      `你好！我根据 ${f.articles} 篇新闻报道（${f.span}）回答问题，并原文引用出处。\n\n直接发问题给我，例如：\n${f.examples.join('\n')}\n\n` +
      `回复我的答案可以继续追问（例如“那江津呢？”）。在群里用 /ask 问题，或 @${f.username} 问题；在任意聊天输入 @${f.username} 关键词 可快速引用报道。/sources 查看报道列表。`,
    help: (u: string) =>
      `<b>用法</b>\n• 私聊：直接发送问题（图片、文件的说明文字也算）。\n• 追问：回复我的答案，如“那江津呢？”“去年呢？”。\n` +
      `• 群聊：/ask 问题、/ask@${u} 问题、@${u} 问题，或回复我的消息继续问；用 /ask 回复别人的消息，可查询那条消息的内容。\n` +
      `• 任意聊天：输入 @${u} 关键词，选择一条报道原文插入。\n` +
      `• 答案下方的按钮：“完整段落”显示上下文，“复制引用”复制引文和出处，“更多结果”翻页，👍/👎 告诉我答得对不对。\n/sources 报道列表`,
    terminal: '输入问题并回车。追问可以只说变化的部分（如“那江津呢？”）。/sources 报道列表，/help 用法，/quit 或 Ctrl-D 退出。',
    terminalStart: (n: number, span: string, examples: string[]) =>
      `我根据 ${n} 篇新闻报道（${span}）回答问题，并原文引用出处。例如：\n${examples.map((q) => `• ${q}`).join('\n')}`,
  },
  en: {
    start: (f: StartFacts) =>
      `Hello! I answer questions from ${f.articles} news articles (${f.span}) by quoting the passages, with their sources.\n\nSend me a question, e.g.:\n${f.examples.join('\n')}\n\n` +
      `Reply to one of my answers to ask a follow-up ("What about Jiangjin?"). In groups use /ask question or @${f.username} question; type @${f.username} keywords in any chat for a quick citation. /sources lists the articles.`,
    help: (u: string) =>
      `<b>How to use</b>\n• Private chat: just send a question (a photo's or file's caption counts too).\n• Follow-ups: reply to one of my answers, e.g. "What about Jiangjin?".\n` +
      `• Groups: /ask question, /ask@${u} question, @${u} question, or reply to one of my messages; /ask as a reply looks up that message's text.\n` +
      `• Any chat: type @${u} keywords and pick a passage to insert it with its citation.\n` +
      `• Buttons under answers: "Full paragraph" shows the context, "Copy citation" copies the quote with its source, "More results" pages on, 👍/👎 tell me whether the answer was right.\n/sources lists the articles.`,
    terminal: 'Type a question and press Enter. A follow-up can name just what changes ("What about Jiangjin?"). /sources lists the articles, /help shows this, /quit or Ctrl-D exits.',
    terminalStart: (n: number, span: string, examples: string[]) =>
      `I answer questions from ${n} news articles (${span}) by quoting the passages, with their sources. For example:\n${examples.map((q) => `• ${q}`).join('\n')}`,
  },
} as const;

/** Admin-only wording (intake, removal, statistics); admins get the same language rules as everyone. */
export const ADMIN = {
  zh: {
    notAdmin: '只有管理员可以向报道库添加文章。',
    unsupported: '只接受 .txt、.md 或 .docx 文件。',
    tooLarge: (mb: number) => `文件太大（最多 ${mb} MB）。`,
    unreadable: (why: string) => `无法读取这个文件：${why}`,
    badUrl: '用法：/add https://… （只支持 http/https 网址）',
    privateAddress: '这个网址指向内网或本机地址，出于安全原因不予抓取。',
    fetchFailed: (why: string) => `无法获取这个网址：${why}`,
    noText: '没有找到可以收录的正文。',
    working: '正在收录…',
    added: (title: string, date: string, passages: number, file: string) =>
      `已收录：《${title}》\n日期：${date}\n段落：${passages}\n文件：${file}`,
    fixTitle: '改标题',
    fixDate: '改日期',
    undo: '撤销',
    askTitle: '请回复这条消息，发送新标题。',
    askDate: '请回复这条消息，发送日期（如 2024-04-26、2024-04 或 2024）。',
    badDate: '日期格式不对，请用 2024-04-26、2024-04 或 2024。',
    updated: (title: string, date: string) => `已更新：《${title}》 · ${date}`,
    undone: (file: string) => `已撤销，${file} 已从报道库删除。`,
    gone: '这篇文章已经不在报道库里了。',
    removeList: '最近添加的文章（点击删除）：',
    removeNone: '没有通过聊天添加的文章。',
    busy: '另一个收录正在进行，请稍后再试。',
  },
  en: {
    notAdmin: 'Only admins can add articles to the coverage.',
    unsupported: 'Only .txt, .md or .docx files are accepted.',
    tooLarge: (mb: number) => `That file is too large (at most ${mb} MB).`,
    unreadable: (why: string) => `Cannot read that file: ${why}`,
    badUrl: 'Usage: /add https://… (http and https addresses only)',
    privateAddress: 'That address points into a private network or this machine; it is not fetched for safety.',
    fetchFailed: (why: string) => `Cannot fetch that address: ${why}`,
    noText: 'No article text found to add.',
    working: 'Adding…',
    added: (title: string, date: string, passages: number, file: string) =>
      `Added: 《${title}》\nDate: ${date}\nPassages: ${passages}\nFile: ${file}`,
    fixTitle: 'Fix title',
    fixDate: 'Fix date',
    undo: 'Undo',
    askTitle: 'Reply to this message with the new title.',
    askDate: 'Reply to this message with the date (e.g. 2024-04-26, 2024-04 or 2024).',
    badDate: 'Not a date: use 2024-04-26, 2024-04 or 2024.',
    updated: (title: string, date: string) => `Updated: 《${title}》 · ${date}`,
    undone: (file: string) => `Undone: ${file} was removed from the coverage.`,
    gone: 'That article is no longer in the coverage.',
    removeList: 'Recently added articles (tap to remove):',
    removeNone: 'No articles were added from the chat.',
    busy: 'Another article is being added; please try again shortly.',
  },
} as const;

export interface StatsFacts {
  upMinutes: number;
  mode: string;
  model: string | null;
  articles: number;
  passages: number;
  questions: number;
  answered: number;
  notCovered: number;
  errors: number;
  backlog: number;
  up: number;
  down: number;
  kept: number;
  added: number;
}

/** /stats: an operator's report, in English whatever the admin's language (it is read next to the logs). */
export function statsReport(f: StatsFacts): string {
  return (
    `up ${f.upMinutes} min · mode ${f.mode}${f.model ? ` (${f.model})` : ''} · ${f.articles} articles, ${f.passages} passages\n` +
    `questions ${f.questions} · answered ${f.answered} · not covered ${f.notCovered} · errors ${f.errors} · backlog ${f.backlog}\n` +
    `feedback 👍 ${f.up} · 👎 ${f.down} (of ${f.kept} answers kept) · added from the chat ${f.added}`
  );
}
