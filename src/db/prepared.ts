import { CompiledQuery } from 'kysely';
import type { Dialect, Executor } from './types.ts';

/** A parameter's marker in a prepared statement's text: `:name` (not PostgreSQL's `::type` cast). */
const MARKER = /(?<![:\w]):([a-z][a-z_]*)\b/gi;

/**
 * A hot read written once as SQL text with `:name` markers, turned into each dialect's placeholders on its first
 * use and then only bound: no query builder and no compile per request. Kysely built and compiled every statement
 * anew (12–41 µs each, most of a short read's time in JavaScript); on SQLite the text also finds its prepared
 * statement in the connection's cache (statements.ts). `text` gets the dialect for the few spellings that differ
 * (see `jsonSql`). Results pass through Kysely's plugins as any query's do.
 */
export function preparedStatement<Params extends Record<string, unknown>, Row>(
  text: (dialect: Dialect) => string,
) {
  const forms = new Map<Dialect, { sql: string; names: string[] }>();
  const formOf = (dialect: Dialect) => {
    const kept = forms.get(dialect);
    if (kept) return kept;
    const names: string[] = [];
    // PostgreSQL numbers each distinct name once; SQLite's `?` takes a value per occurrence.
    const sql = text(dialect).replace(MARKER, (_, name: string) => {
      if (dialect === 'sqlite') {
        names.push(name);
        return '?';
      }
      const index = names.indexOf(name);
      if (index >= 0) return `$${index + 1}`;
      names.push(name);
      return `$${names.length}`;
    });
    const form = { sql, names };
    forms.set(dialect, form);
    return form;
  };
  return async (executor: Executor, dialect: Dialect, params: Params): Promise<Row[]> => {
    const form = formOf(dialect);
    const values = form.names.map((name) => {
      if (!(name in params)) throw new Error(`preparedStatement: no value for :${name}`);
      return params[name];
    });
    const result = await executor.executeQuery<Row>(CompiledQuery.raw(form.sql, values));
    return result.rows;
  };
}

/** The JSON spellings that differ: SQLite's json1 functions (text out) against PostgreSQL's (json out). */
export function jsonSql(dialect: Dialect) {
  const sqlite = dialect === 'sqlite';
  return {
    /** A JSON array of the values. */
    array: (...values: string[]) => `${sqlite ? 'json_array' : 'json_build_array'}(${values.join(', ')})`,
    /** The JSON array of a value over the rows, `[]` for none; `orderBy` orders it. */
    arrayOf: (value: string, orderBy?: string) => {
      const order = orderBy ? ` ORDER BY ${orderBy}` : '';
      return sqlite
        ? `json_group_array(${value}${order})`
        : `coalesce(json_agg(${value}${order}), CAST('[]' AS json))`;
    },
    /** The rows of a parameter holding a JSON array of strings, as a one-column `id` select. */
    idsOf: (parameter: string) =>
      sqlite
        ? `SELECT value AS id FROM json_each(${parameter})`
        : `SELECT json_array_elements_text(CAST(${parameter} AS json)) AS id`,
  };
}

/** A JSON column as its value: SQLite hands over the text, the pg driver the parsed value. */
export function readJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
