/** The in-app path to return to after signing in, from `?next=`; never another site. */
export function safeNext(searchParams: URLSearchParams): string | null {
  const next = searchParams.get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/** `/login?next=…` style link that keeps the way back. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
