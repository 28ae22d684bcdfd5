import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type * as Pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { createBulkWriter, type BulkWriter } from './bulk.ts';
import type { Database, Dialect } from './types.ts';
import { cachingStatements } from './statements.ts';
import { isPostgresUrl } from './url.ts';
import { YieldingPlugin } from './yield.ts';

export type { Dialect } from './types.ts';

export type DatabaseConfig = {
  /** postgres://… selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file; ignored on PostgreSQL. */
  dataDir?: string | undefined;
  /** ':memory:', a path, or the bytes of a serialized database (opened in memory); overrides dataDir. */
  sqliteFile?: string | Buffer | undefined;
  poolSize?: number | undefined;
};

export type DatabaseHandle = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite file, for backup; null on PostgreSQL or in memory. */
  sqlitePath: string | null;
  /** The PostgreSQL URL, for connections kept outside the pool (LISTEN); null on SQLite. */
  connectionString?: string | null;
  /**
   * Throws when the database does not answer. On SQLite it asks the handle directly instead of queuing
   * behind Kysely's one connection, so a long transaction (which yields between its statements) does not
   * hold up a health check.
   */
  ping(): Promise<void>;
  /** Multi-row upserts inside a transaction, without a query builder per row (see bulk.ts). */
  bulk: BulkWriter;
  destroy(): Promise<void>;
};

const INT8_OID = 20;

export { isPostgresUrl };

// Each driver is required when its database is opened, not imported at the top: a SQLite server does not load pg
// (about 15 MB of memory), nor a PostgreSQL one the native SQLite module.
const require = createRequire(import.meta.url);

/** Opens the configured database. Instants are bigint in PostgreSQL: parse them to numbers once, here. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (isPostgresUrl(config.databaseUrl)) {
    const pg = require('pg') as typeof Pg;
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID && format !== 'binary'
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
    // replaces it on the next query.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      sqlitePath: null,
      connectionString: config.databaseUrl,
      ping: async () => {
        await pool.query('SELECT 1');
      },
      bulk: createBulkWriter('postgres'),
      destroy: () => db.destroy(),
    };
  }

  let file = config.sqliteFile;
  if (!file) {
    const dir = config.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'opsplan.db');
  }
  const Driver = require('better-sqlite3') as typeof SQLite;
  const sqlite = new Driver(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
    plugins: [new YieldingPlugin()],
  });
  const ping = sqlite.prepare('SELECT 1');
  return {
    db,
    dialect: 'sqlite',
    sqlitePath: typeof file !== 'string' || file === ':memory:' ? null : path.resolve(file),
    ping: async () => {
      ping.get();
    },
    bulk: createBulkWriter('sqlite', sqlite),
    destroy: () => db.destroy(),
  };
}
