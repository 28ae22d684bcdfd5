import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './index.ts';

describe('toCsv', () => {
  it('writes a BOM, CRLF and quotes what needs quoting', () => {
    expect(
      toCsv([
        ['任务', 'a,b'],
        ['say "hi"', 'line\nbreak'],
      ]),
    ).toBe('\uFEFF任务,"a,b"\r\n"say ""hi""","line\nbreak"\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1+1', '-1+2', '\tx', '\rx', '＝1']])).toBe(
      `\uFEFF"'=HYPERLINK(""http://x"",""y"")",'@SUM(A1),'+1+1,'-1+2,'\tx,"'\rx",'＝1\r\n`,
    );
  });

  it('keeps numbers numeric, negative ones too, typed or as plain text', () => {
    expect(toCsv([[-12.5, '-3', '-0.25', 0, null, undefined, 'a-b']])).toBe(
      '\uFEFF-12.5,-3,-0.25,0,,,a-b\r\n',
    );
    expect(neutraliseCell('-3 days')).toBe("'-3 days");
    expect(neutraliseCell('--3')).toBe("'--3");
  });
});
