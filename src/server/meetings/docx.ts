import type { Locale } from '../../core/i18n/index.ts';
import { minutesLabels, type MinutesInput } from '../../core/meetings/index.ts';
import type { Block, PlanDocument } from '../../core/plan/document/types.ts';
import { renderDocx } from '../documents/docx.ts';

/** Markdown lines as document blocks: list items become lists, the rest paragraphs (marks dropped). */
function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    list = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    const plain = (text: string) =>
      text.replace(/[*_`~]|\[([^\]]*)\]\([^)]*\)/g, (_m, label?: string) => label ?? '');
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (item) {
      list.push(plain(item[1] ?? ''));
    } else {
      flush();
      if (heading) blocks.push({ kind: 'heading', text: plain(heading[1] ?? '') });
      else if (line !== '') blocks.push({ kind: 'paragraph', text: plain(line) });
    }
  }
  flush();
  return blocks;
}

/** The minutes as a Word file, through the plan document's DOCX renderer (one chapter per section). */
export function renderMinutesDocx(input: MinutesInput, locale: Locale): Promise<Buffer> {
  const words = minutesLabels(locale);
  const none: Block = { kind: 'note', tone: 'empty', text: words.none };
  const chapter = (number: number, title: string, blocks: Block[]) => ({
    id: `minutes-${number}`,
    number,
    title,
    isPlanned: true,
    blocks: blocks.length > 0 ? blocks : [none],
  });
  const document: PlanDocument = {
    locale,
    cover: {
      title: input.title,
      subtitle: words.minutes,
      facts: [
        { label: words.when, value: `${input.date} ${input.startTime}` },
        { label: words.attendees, value: input.attendees.join(locale === 'en' ? ', ' : '、') || words.none },
      ],
    },
    labels: {
      contents: locale === 'en' ? 'Contents' : '目录',
      page: locale === 'en' ? 'Page {page} of {total}' : '第 {page} 页 / 共 {total} 页',
      figure: locale === 'en' ? 'Figure' : '图',
      generatedBy: 'OpsPlan',
    },
    chapters: [
      chapter(
        1,
        words.agenda,
        input.agenda.length > 0
          ? [
              {
                kind: 'list',
                items: input.agenda.map((item) =>
                  item.detail
                    ? locale === 'en'
                      ? `${item.title} (${item.detail})`
                      : `${item.title}（${item.detail}）`
                    : item.title,
                ),
              },
            ]
          : [],
      ),
      chapter(2, words.minutes, markdownBlocks(input.minutes)),
      chapter(
        3,
        words.decisions,
        input.decisions.length > 0 ? [{ kind: 'list', items: [...input.decisions] }] : [],
      ),
      chapter(
        4,
        words.actions,
        input.actions.length > 0
          ? [
              {
                kind: 'table',
                caption: null,
                columns: [
                  { label: words.actions },
                  { label: words.owner },
                  { label: words.due },
                  { label: words.status },
                ],
                rows: input.actions.map((action) => [
                  action.title,
                  action.owner ?? words.nobody,
                  action.dueDate,
                  action.status ? (words.statuses[action.status] ?? action.status) : '—',
                ]),
              },
            ]
          : [],
      ),
    ],
  };
  return renderDocx(document, new Map());
}
