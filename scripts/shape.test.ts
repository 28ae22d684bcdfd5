import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(ROOT, 'src/server');

/** The four files of a domain: HTTP (routes), its zod schemas, the logic (service) and all its SQL (queries). */
const DOMAIN_FILES = ['routes.ts', 'schemas.ts', 'service.ts', 'queries.ts'];

/** Domains that hold no SQL of their own: /healthz pings the driver through src/db. */
const WITHOUT_SQL = new Set(['health']);

/** Kysely query building or raw sql`…`: what may appear only in a queries.ts (and in src/db). */
const SQL =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(?:<[^>]*>)?`|\bsql\.(?:raw|ref|lit|id|table|join)\b/;

function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(ROOT, full)] : [];
  });
}

/** Lines of a file that build SQL, as `file:line`. */
function sqlLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (SQL.test(line) ? [`${file}:${index + 1}`] : []));
}

describe('the one domain shape', () => {
  const domains = fs
    .readdirSync(SERVER, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SERVER, entry.name, 'routes.ts')))
    .map((entry) => entry.name);

  it('gives every server domain with routes its routes.ts, schemas.ts, service.ts and queries.ts', () => {
    expect(domains.length).toBeGreaterThan(20);
    const missing = domains.flatMap((domain) =>
      DOMAIN_FILES.filter((file) => !(file === 'queries.ts' && WITHOUT_SQL.has(domain)))
        .filter((file) => !fs.existsSync(path.join(SERVER, domain, file)))
        .map((file) => `src/server/${domain}/${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('keeps SQL in queries.ts: no other server file builds a query (tests and test helpers apart)', () => {
    const outside = serverFiles(SERVER)
      .filter((file) => !file.endsWith('/queries.ts') && !file.endsWith('.test.ts'))
      .filter((file) => !file.startsWith('src/server/testing/'))
      .flatMap((file) => sqlLines(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('recognises a query when it sees one', () => {
    const service = [
      "const row = await trx.selectFrom('goals').select('id').executeTakeFirst();",
      'await sql`SELECT 1`.execute(db);',
      "await db\n  .deleteFrom('sessions')",
      "const goals = await queries.selectGoals(db, workspaceId); // selectFrom in a comment's words is fine",
    ].join('\n');
    expect(sqlLines('service.ts', service)).toEqual(['service.ts:1', 'service.ts:2', 'service.ts:4']);
  });
});
