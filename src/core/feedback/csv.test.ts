import { describe, expect, it } from 'vitest';
import { feedbackCsvMessage, FeedbackCsvError, readFeedbackCsv, type FeedbackCsvMessage } from './csv.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(
  bytes: Uint8Array,
  options = {},
): { code: FeedbackCsvMessage; params: Record<string, unknown> } {
  try {
    readFeedbackCsv(bytes, options);
  } catch (error) {
    if (error instanceof FeedbackCsvError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a refusal');
}

// "你好,物流" in GBK, hand-encoded so the test does not need an encoder.
const GBK_FILE = Uint8Array.from([
  ...utf8('id,text\r\n1,'),
  ...[0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xce, 0xef, 0xc1, 0xf7],
  ...utf8('\r\n'),
]);

describe('readFeedbackCsv', () => {
  it('reads a BOM, CRLF, quoted commas, quotes and line breaks, any column order and extra columns', () => {
    const file = utf8('\uFEFFTopic,Text,ID\r\nx,"快递，慢, ""真的""\r\n第二行",a1\r\ny,退款,a2\r\n\r\n');
    const { items, warnings } = readFeedbackCsv(file);
    expect(items).toEqual([
      { id: 'a1', text: '快递，慢, "真的"\r\n第二行' },
      { id: 'a2', text: '退款' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips repeated and missing ids with a warning, keeping the first', () => {
    const { items, warnings } = readFeedbackCsv(utf8('id,text\n1,a\n1,b\n,c\n2,d\n'));
    expect(items.map((item) => item.text)).toEqual(['a', 'd']);
    expect(warnings).toEqual([
      { code: 'duplicate_ids', params: { count: 1, id: '1' } },
      { code: 'missing_ids', params: { count: 1, line: 3 } },
    ]);
  });

  it('refuses an empty file, a header without rows and missing columns', () => {
    expect(refusal(utf8('')).code).toBe('empty');
    expect(refusal(utf8('\uFEFF \n')).code).toBe('empty');
    expect(refusal(utf8('id,text\r\n')).code).toBe('no_rows');
    expect(refusal(utf8('id,body\n1,x\n'))).toEqual({
      code: 'missing_columns',
      params: { missing: 'text', found: 'id, body' },
    });
  });

  it('refuses GBK by name unless asked to read it, and reads it then with a warning', () => {
    expect(refusal(GBK_FILE).code).toBe('gbk');
    const { items, warnings } = readFeedbackCsv(GBK_FILE, { encoding: 'gbk' });
    expect(items).toEqual([{ id: '1', text: '你好，物流' }]);
    expect(warnings).toEqual([{ code: 'decoded_gbk', params: {} }]);
  });

  it('refuses other broken encodings, workbooks, binary files and broken quoting', () => {
    expect(refusal(Uint8Array.from([...utf8('id,text\n1,'), 0xff, 0xfe, 0x41]))).toEqual({
      code: 'not_utf8',
      params: { offset: 10 },
    });
    expect(refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2])).code).toBe('xlsx');
    expect(refusal(Uint8Array.from([0x69, 0x64, 0, 1])).code).toBe('binary');
    expect(refusal(utf8('id,text\n1,"never closed\n')).code).toBe('malformed');
  });

  it('reads tab- and semicolon-separated files when the header is split that way', () => {
    expect(readFeedbackCsv(utf8('id\ttext\n1\t快递, 很慢\n')).items).toEqual([
      { id: '1', text: '快递, 很慢' },
    ]);
    expect(readFeedbackCsv(utf8('"id";"text"\n1;"a;b"\n')).items).toEqual([{ id: '1', text: 'a;b' }]);
    expect(readFeedbackCsv(utf8('id,text\n1,a;b\tc\n')).items).toEqual([{ id: '1', text: 'a;b\tc' }]);
  });

  it('reads UTF-16 with a byte-order mark, as Excel’s Unicode text export writes', () => {
    const text = 'id\ttext\n1\t物流\n';
    const bytes = Uint8Array.from([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    expect(readFeedbackCsv(bytes).items).toEqual([{ id: '1', text: '物流' }]);
  });

  it('words every problem in both languages', () => {
    const zh = feedbackCsvMessage('gbk', { file: 'a.csv' }, 'zh-CN');
    const en = feedbackCsvMessage('gbk', { file: 'a.csv' }, 'en');
    expect(zh).toContain('GBK');
    expect(zh).toContain('a.csv');
    expect(en).toContain('--encoding gbk');
    expect(zh).not.toBe(en);
  });
});
