import { describe, expect, it } from 'vitest';
import { browserLocale } from './browserLocale.ts';

describe('browserLocale', () => {
  it('takes the first preferred language the UI speaks', () => {
    expect(browserLocale(['en-US', 'en', 'zh-CN'])).toBe('en');
    expect(browserLocale(['zh-CN', 'zh', 'en'])).toBe('zh-CN');
    expect(browserLocale(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(browserLocale(['de', 'zh-Hans-CN'])).toBe('zh-CN');
    expect(browserLocale(['zh_TW'])).toBe('zh-CN');
    expect(browserLocale(['EN'])).toBe('en');
  });

  it('answers null when the browser prefers only languages the UI does not speak', () => {
    expect(browserLocale(['fr-FR', 'de'])).toBeNull();
    expect(browserLocale([])).toBeNull();
    // "eng" and "zhx" are not English or Chinese tags.
    expect(browserLocale(['eng', 'zhx'])).toBeNull();
  });
});
