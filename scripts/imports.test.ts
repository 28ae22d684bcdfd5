import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, sourceFiles } from './imports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FILES = ['src', 'e2e', 'bench', 'scripts']
  .flatMap((dir) => sourceFiles(ROOT, dir))
  .filter((file) => !file.startsWith('scripts/fixtures/'));

// eslint-plugin-import is not installed; this walk over the TypeScript imports stands in for its no-cycle.
describe('the import graph', () => {
  it('has no cycle, not even through `import type`', () => {
    expect(importCycles(ROOT, FILES, true)).toEqual([]);
  });

  it('keeps the layers apart: core imports nothing of ours outside core, web nothing of server, db or cli', () => {
    // Tests may reach across (a core test segments with the server's jieba); what ships may not.
    const crossings = FILES.filter((file) => /^src\/(?:core|web)\//.test(file) && !file.endsWith('.test.ts'))
      .flatMap((file) => importsOf(ROOT, file))
      .filter((edge) =>
        edge.from.startsWith('src/core/')
          ? !edge.to.startsWith('src/core/')
          : /^src\/(?:server|db|cli)\//.test(edge.to),
      )
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(crossings).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const fixtures = path.join(ROOT, 'scripts/fixtures/cycle');
    expect(importCycles(fixtures, sourceFiles(fixtures, '.'), true)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(importCycles(fixtures, sourceFiles(fixtures, '.'))).toEqual([['a.ts', 'b.ts']]);
  });
});
