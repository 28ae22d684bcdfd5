import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A fresh clone has nothing beside it: no project file may read data from outside the repository.
const ROOT = path.resolve(import.meta.dirname, '..');
const SELF = path.relative(ROOT, import.meta.filename);
const OUTSIDE = /\.\.\/(?:\.\.\/)*shared\/|\/work\/shared/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('the repository carries its own data', () => {
  it('no source, test, bench or script reads the shared folder beside the clone', () => {
    const offenders = ['src', 'e2e', 'bench', 'scripts']
      .flatMap(sourceFiles)
      .filter((file) => file !== SELF && OUTSIDE.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
