import type { UiLocale } from './locales.ts';

/**
 * The first of the browser's preferred languages (navigator.languages) that the UI speaks: any Chinese tag
 * (zh, zh-CN, zh-Hans-CN, zh-TW) gives zh-CN, any English tag gives en; null when none of them is either.
 */
export function browserLocale(languages: readonly string[]): UiLocale | null {
  for (const language of languages) {
    const primary = language.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return null;
}
