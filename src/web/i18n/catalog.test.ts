import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `a.b.c` → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

/** `{{name}}` placeholders a text uses. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const catalogues = { 'zh-CN': flatten(zhCN), en: flatten(en) };

describe('UI catalogues', () => {
  it('have the same keys in zh-CN and en', () => {
    const zhKeys = [...catalogues['zh-CN'].keys()];
    const enKeys = [...catalogues.en.keys()];
    expect(
      zhKeys.filter((key) => !catalogues.en.has(key)),
      'missing in en.ts',
    ).toEqual([]);
    expect(
      enKeys.filter((key) => !catalogues['zh-CN'].has(key)),
      'missing in zh-CN.ts',
    ).toEqual([]);
  });

  it('have no empty texts', () => {
    for (const [locale, leaves] of Object.entries(catalogues)) {
      const empty = [...leaves].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty, `empty in ${locale}`).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...catalogues['zh-CN']]
      .filter(([key, text]) => {
        const other = catalogues.en.get(key);
        return other !== undefined && placeholders(text).join() !== placeholders(other).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
