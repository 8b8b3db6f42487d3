// Stories inside a page. A scanned newspaper page often holds several stories; each starts at its own
// headline group, and a new story (unlike a section of the same story) opens with its own byline or
// dateline: "本报评论员" under the headline, or "本报讯(… 记者 …)" at the top of its first paragraph.
// Passages are cited by the headline of the story they belong to; the page's title stays available.
import type { Answer, Passage, Source } from '../search/answer.js';
import type { Article, Chunk } from './types.js';

export interface Story {
  title: string;
  /** Span of the story in `Article.text`. */
  start: number;
  end: number;
}

/** A Source that also names the page a story was printed on, when the story is not the page's lead. */
export type StorySource = Source & { page?: string };

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

/** Cites each passage of an answer by its own story's headline (and names the page when it differs). */
export class StoryCiter {
  private readonly cache = new Map<string, Story[]>();

  constructor(
    private readonly articles: Map<string, Article>,
    private readonly chunks: Map<number, Chunk>,
  ) {}

  private storiesOf(file: string): Story[] | undefined {
    let s = this.cache.get(file);
    if (!s) {
      const a = this.articles.get(file);
      if (!a) return undefined;
      s = splitStories(a);
      this.cache.set(file, s);
    }
    return s;
  }

  /** The source of the passage at `chunkId`, titled by its story. */
  source(chunkId: number, source: Source): StorySource {
    const chunk = this.chunks.get(chunkId);
    const stories = chunk && this.storiesOf(chunk.file);
    if (!chunk || !stories || stories.length < 2) return source;
    const story = storyAt(stories, chunk.start);
    return story.title === source.title ? source : { ...source, title: story.title, page: source.title };
  }

  cite(answer: Answer): Answer {
    const fix = (p: Passage): Passage => ({ ...p, source: this.source(p.chunkId, p.source) });
    return { ...answer, results: answer.results.map(fix), ...(answer.closest ? { closest: answer.closest.map(fix) } : {}) };
  }
}
