/**
 * A page's content read asked during its first render (not once that render has committed, which on a cold load
 * is 0.1–0.2 s of antd's style work later) may be answered before the page mounts; it counts as fresh this long,
 * so mounting does not ask it again. A write's invalidation still refetches it.
 */
export const PREFETCHED_FRESH_MS = 5_000;
