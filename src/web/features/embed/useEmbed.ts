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
    // The host page shows through around the form, not the app's grey page colour.
    const background = document.body.style.background;
    document.body.style.background = 'transparent';
    return () => {
      document.body.style.background = background;
    };
  }, []);
  useEffect(() => {
    if (window.parent === window) return;
    // The content's own height: the document's scrollHeight is never less than the frame, so a frame once tall
    // would stay tall (grey space under a short "thank you").
    const post = () =>
      window.parent.postMessage(
        { type: 'opsplan:height', height: Math.ceil(document.body.getBoundingClientRect().height) },
        '*',
      );
    const observer = new ResizeObserver(post);
    observer.observe(document.body);
    post();
    return () => observer.disconnect();
  }, []);
}
