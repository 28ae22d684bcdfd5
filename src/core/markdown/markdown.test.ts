import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './index.ts';

describe('renderMarkdown', () => {
  it('renders Markdown and neutralises scripts, handlers and script links', () => {
    const html = renderMarkdown(
      '**重点**:提升次日留存\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))',
    );
    expect(html).toContain('<strong>重点</strong>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;');
  });
});
