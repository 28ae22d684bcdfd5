import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { applyLocale, isUiLocale } from '../../i18n/index.ts';

/**
 * What an embed page does inside another site's iframe: takes the language the site asked for (`?lang=`) and
 * tells the loader (/embed.js) its height whenever the content changes size, so the frame never scrolls.
 */
export function useEmbed() {
  const [params] = useSearchParams();
  const lang = params.get('lang');
  useEffect(() => {
    if (lang && isUiLocale(lang)) void applyLocale(lang);
  }, [lang]);
  useEffect(() => {
    if (window.parent === window) return;
    const post = () =>
      window.parent.postMessage(
        { type: 'opsplan:height', height: document.documentElement.scrollHeight },
        '*',
      );
    const observer = new ResizeObserver(post);
    observer.observe(document.body);
    post();
    return () => observer.disconnect();
  }, []);
}
