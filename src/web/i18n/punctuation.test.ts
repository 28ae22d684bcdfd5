import { describe, expect, it } from 'vitest';
import { SMART_MESSAGES_ZH } from '../../core/smart/messages.ts';
import { zhCN } from './zh-CN.ts';

type Tree = { [key: string]: string | Tree };

function texts(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value]] : texts(value, path);
  });
}

// An ASCII ; : , ! ? touching a Chinese character: Chinese text takes the full-width mark (；：，！？).
const HALF_WIDTH_IN_CHINESE = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef][;:,!?]|[;:,!?][\u3400-\u9fff]/;

// "行:列" names the line:column position format: there the colon is the notation, not punctuation.
const NOTATION_KEYS = new Set(['planYaml.at']);

describe('Chinese texts', () => {
  it('use full-width punctuation inside Chinese sentences', () => {
    const all = [...texts(zhCN), ...Object.entries(SMART_MESSAGES_ZH)];
    expect(
      all
        .filter(([key, text]) => !NOTATION_KEYS.has(key) && HALF_WIDTH_IN_CHINESE.test(text))
        .map(([key, text]) => `${key}: ${text}`),
    ).toEqual([]);
  });
});
