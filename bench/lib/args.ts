/** A tiny `--name value` / `--name=value` / `--flag` parser: the bench scripts need nothing more. */
export type Args = {
  string(name: string): string | undefined;
  number(name: string, fallback: number): number;
  flag(name: string): boolean;
};

export function parseArgs(argv: readonly string[]): Args {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const item = argv[index];
    if (item === undefined || !item.startsWith('--')) continue;
    const body = item.slice(2);
    const equals = body.indexOf('=');
    if (equals >= 0) {
      values.set(body.slice(0, equals), body.slice(equals + 1));
      continue;
    }
    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith('--')) {
      values.set(body, next);
      index += 1;
    } else {
      flags.add(body);
    }
  }
  return {
    string: (name) => values.get(name),
    number(name, fallback) {
      const raw = values.get(name);
      if (raw === undefined) return fallback;
      const parsed = Number(raw);
      if (!Number.isFinite(parsed)) throw new Error(`--${name} expects a number (got "${raw}")`);
      return parsed;
    },
    flag: (name) => flags.has(name) || values.get(name) === 'true',
  };
}
