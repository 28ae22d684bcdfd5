/** postgres://… or postgresql://… selects PostgreSQL; anything else is SQLite. Apart from index.ts, so the
 * command line can ask without loading the database drivers. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}
