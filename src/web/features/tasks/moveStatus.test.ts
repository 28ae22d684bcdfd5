import { describe, expect, it } from 'vitest';
import { withTaskStatus } from './moveStatus.ts';

const card = (id: string, status: string) => ({
  id,
  goalId: null,
  isMilestone: false,
  title: id,
  status,
  priority: 'medium',
  dueDate: null,
  wbs: '1',
  roles: [],
});

describe('withTaskStatus', () => {
  it('moves a card and keeps it a card; the other cards are the same objects', () => {
    const pages = [
      { items: [card('a', 'todo'), card('b', 'todo')], nextCursor: 'next' },
      { items: [card('c', 'done')], nextCursor: null },
    ];
    const moved = withTaskStatus(pages, 'b', 'in_progress');
    expect(moved[0]?.items[1]).toEqual({ ...card('b', 'in_progress') });
    expect(Object.keys(moved[0]?.items[1] ?? {}).sort()).toEqual(Object.keys(card('b', 'todo')).sort());
    expect(moved[0]?.items[0]).toBe(pages[0]?.items[0]);
    expect(moved[1]).toEqual(pages[1]);
    expect(moved[0]?.nextCursor).toBe('next');
    expect(pages[0]?.items[1]?.status).toBe('todo');
  });

  it('moves a full list row and keeps every field a card lacks', () => {
    const row = {
      ...card('a', 'todo'),
      description: '说明',
      checklist: [{ text: '初稿', done: false }],
      childCount: 2,
    };
    const [page] = withTaskStatus([{ items: [row], nextCursor: null }], 'a', 'blocked');
    expect(page?.items[0]).toEqual({ ...row, status: 'blocked' });
  });
});
