import { renderMarkdown } from '../markdown/index.ts';

/**
 * What a comment can be written on; each is a row of the caller's workspace. `review` is one person's review in a
 * cycle (its participant row), discussed only by those who may see it.
 */
export const COMMENT_TARGETS = [
  'goal',
  'key_result',
  'kpi',
  'task',
  'run',
  'meeting',
  'feedback',
  'review',
] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** Reactions offered under a comment. */
export const REACTIONS = ['👍', '🎉', '❤️', '👀', '✅', '🙏'] as const;

/** Longest comment accepted, in characters. */
export const MAX_COMMENT_LENGTH = 10_000;

// The token the web's autocomplete inserts: @[显示名](user:ID). The id, not the name, is what counts.
const MENTION = /@\[([^\]\n]{1,100})\]\(user:([0-9a-f-]{1,64})\)/g;

/** The distinct user ids mentioned in a comment, in order of first mention. */
export function mentionedUserIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((match) => match[2] ?? ''))];
}

/**
 * Markdown as safe HTML (no raw HTML, no script links), with each mention token a `span.mention` carrying
 * the user id, and any other `user:` link reduced to its text.
 */
export function renderComment(body: string): string {
  return renderMarkdown(body)
    .replace(
      /@<a href="user:([0-9a-f-]{1,64})">([^<]*)<\/a>/g,
      (_match, id: string, name: string) => `<span class="mention" data-user-id="${id}">@${name}</span>`,
    )
    .replace(/<a href="user:[^"]*">([^<]*)<\/a>/g, '$1');
}

/** The comment as plain text, for a notification's one line: mentions as @name, Markdown marks dropped. */
export function commentExcerpt(body: string, length = 120): string {
  const text = body
    .replace(MENTION, (_match, name: string) => `@${name}`)
    .replace(/^\s*(?:[>#]+|[-*+]\s)\s*/gm, '')
    .replace(/[*_`~]|\[([^\]]*)\]\([^)]*\)/g, (_match, label?: string) => label ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export type TimelineItem<C, A> =
  { kind: 'comment'; id: string; item: C } | { kind: 'change'; id: string; item: A };

/** Comments and audit entries of one object as one list, newest first (ids are time-sortable). */
export function interleave<C extends { id: string }, A extends { id: string }>(
  comments: readonly C[],
  changes: readonly A[],
  limit: number,
): TimelineItem<C, A>[] {
  const items: TimelineItem<C, A>[] = [
    ...comments.map((item) => ({ kind: 'comment' as const, id: item.id, item })),
    ...changes.map((item) => ({ kind: 'change' as const, id: item.id, item })),
  ];
  return items.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit);
}
