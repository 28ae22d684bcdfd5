import MarkdownIt from 'markdown-it';

// Raw HTML is off and markdown-it refuses javascript:/vbscript:/data: links, so the output is safe to show.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** Markdown written by a user, as HTML safe to put into a page. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
