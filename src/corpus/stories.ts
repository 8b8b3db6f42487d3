// Stories inside a page. A scanned newspaper page often holds several stories; each starts at its own
// headline group, and a new story (unlike a section of the same story) opens with its own byline or
// dateline: "本报评论员" under the headline, or "本报讯(… 记者 …)" at the top of its first paragraph.
// Passages are cited by the headline of the story they belong to; the page's title stays available.
import type { Article, Chunk } from './types.js';

export interface Story {
  title: string;
  /** Span of the story in `Article.text`. */
  start: number;
  end: number;
}

const DATELINE = /^(本报讯|本报[^，,。]{0,8}电|新华社|据[^，,。]{0,16}报道|[（(][^）)]{0,30}记者)/;
const DECK = /^[—－-]{1,2}/;

/** The stories of an article, in order; an ordinary article is one story titled as the article. */
export function splitStories(article: Article): Story[] {
  const { blocks } = article;
  const starts: { at: number; title: string }[] = [{ at: 0, title: article.meta.title }];
  let seenParagraph = false;
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    if (b.kind === 'paragraph' || b.kind === 'caption') {
      seenParagraph ||= b.kind === 'paragraph';
      i++;
      continue;
    }
    // A headline group: consecutive headings and bylines.
    let j = i;
    while (j < blocks.length && (blocks[j]!.kind === 'heading' || blocks[j]!.kind === 'byline')) j++;
    const group = blocks.slice(i, j);
    const next = blocks.slice(j).find((x) => x.kind === 'paragraph');
    const headline = group.find((x) => x.kind === 'heading' && !DECK.test(x.text));
    const ownByline = group.some((x) => x.kind === 'byline') || (next !== undefined && DATELINE.test(next.text));
    if (seenParagraph && next && headline && ownByline) starts.push({ at: headline.start, title: headline.text });
    i = j;
  }
  return starts.map((s, k) => ({ title: s.title, start: k === 0 ? 0 : s.at, end: starts[k + 1]?.at ?? article.text.length }));
}

/** The story an offset of the article's text falls in. */
export function storyAt(stories: Story[], offset: number): Story {
  return stories.find((s) => offset >= s.start && offset < s.end) ?? stories[stories.length - 1]!;
}

const cache = new WeakMap<Article, Story[]>();

/** The headline of the story a chunk belongs to, and the page's title when the two differ. */
export function storyOf(article: Article, chunk: Pick<Chunk, 'start'>): { title: string; page?: string } {
  let stories = cache.get(article);
  if (!stories) cache.set(article, (stories = splitStories(article)));
  if (stories.length < 2) return { title: article.meta.title };
  const story = storyAt(stories, chunk.start);
  return story.title === article.meta.title ? { title: story.title } : { title: story.title, page: article.meta.title };
}
