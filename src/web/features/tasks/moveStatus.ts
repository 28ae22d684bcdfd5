/**
 * The board's optimistic status move over cached pages, list rows and cards alike; pure (and free of the API
 * client's types, which the hooks that use it import), so it is unit-tested.
 */

type Page<T> = { items: readonly T[]; nextCursor: string | null };

/**
 * The pages with one task's status changed. It reads only `id`, what every cached row and card has, and the
 * spread keeps the rest of a row: a full list row stays full, a card stays a card.
 */
export function withTaskStatus<T extends { id: string; status: string }>(
  pages: readonly Page<T>[],
  taskId: string,
  status: T['status'],
): { items: T[]; nextCursor: string | null }[] {
  return pages.map((page) => ({
    ...page,
    items: page.items.map((task) => (task.id === taskId ? { ...task, status } : task)),
  }));
}
