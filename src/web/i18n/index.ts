import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { browserLocale } from './browserLocale.ts';
import { UI_LOCALES, type UiLocale } from './locales.ts';

export { UI_LOCALES, type UiLocale } from './locales.ts';

const STORAGE_KEY = 'opsplan.locale';

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** The language chosen in this browser, else the browser's own preference, else Chinese (the first language). */
function initialLocale(): UiLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isUiLocale(stored)) return stored;
  } catch {
    // Storage may be blocked (private mode): the browser's preference still applies.
  }
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return browserLocale(preferred) ?? 'zh-CN';
}

function syncDocument(locale: UiLocale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
syncDocument(currentLocale());

export function currentLocale(): UiLocale {
  return isUiLocale(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switches the UI language and remembers it in this browser. */
export async function applyLocale(locale: UiLocale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across reloads, but the switch itself still works.
  }
  syncDocument(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
