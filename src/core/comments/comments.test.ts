import { describe, expect, it } from 'vitest';
import { commentExcerpt, interleave, mentionedUserIds, renderComment } from './index.ts';

const id = '01a248e7-27b3-7028-9331-bffac9280708';

describe('comments', () => {
  it('finds mentions by their id token, once each', () => {
    expect(mentionedUserIds(`@[王芳](user:${id}) 请看 @[王芳](user:${id}) @王芳 @[x](user:ZZ)`)).toEqual([
      id,
    ]);
  });

  it('renders Markdown safely with mentions as spans', () => {
    const html = renderComment(
      `**重点** @[王芳](user:${id}) <script>alert(1)</script> [x](javascript:alert(1)) [y](user:${id})`,
    );
    expect(html).toContain('<strong>重点</strong>');
    expect(html).toContain(`<span class="mention" data-user-id="${id}">@王芳</span>`);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="user:');
  });

  it('makes a one-line excerpt', () => {
    expect(commentExcerpt(`**请** @[王芳](user:${id}) 看 [报告](https://x.example)\n\n明天`)).toBe(
      '请 @王芳 看 报告 明天',
    );
    expect(commentExcerpt('a'.repeat(300), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('interleaves comments and changes newest first', () => {
    const items = interleave([{ id: 'b' }, { id: 'd' }], [{ id: 'a' }, { id: 'c' }], 3);
    expect(items.map((item) => `${item.kind}:${item.id}`)).toEqual(['comment:d', 'change:c', 'comment:b']);
  });
});
