import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import type { Locale as AntdLocale } from 'antd/es/locale';
import { browserLocale } from './browserLocale.ts';
import { UI_LOCALES, type UiLocale } from './locales.ts';
import type { LanguagePack } from './types.ts';

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

/**
 * Each language is a chunk of its own (its catalogue, antd's texts, dayjs's locale), loaded when it is first
 * shown: the first screen carries one language, not both. Every catalogue has every key (types.ts), so no
 * fallback language needs loading.
 */
const PACKS: Record<UiLocale, () => Promise<{ pack: LanguagePack }>> = {
  'zh-CN': () => import('./pack.zh-CN.ts'),
  en: () => import('./pack.en.ts'),
};
const loaded = new Map<UiLocale, Promise<LanguagePack>>();
const antdLocales = new Map<UiLocale, AntdLocale>();

function loadLanguage(locale: UiLocale): Promise<LanguagePack> {
  let pack = loaded.get(locale);
  if (!pack) {
    pack = PACKS[locale]().then(({ pack: loadedPack }) => {
      i18n.addResourceBundle(locale, 'translation', loadedPack.catalog);
      antdLocales.set(locale, loadedPack.antd);
      return loadedPack;
    });
    // A failed load (offline) may be retried by the next switch.
    pack.catch(() => loaded.delete(locale));
    loaded.set(locale, pack);
  }
  return pack;
}

export const i18n = i18next.createInstance();

const firstLocale = initialLocale();
void i18n.use(initReactI18next).init({
  resources: {},
  lng: firstLocale,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves once the first language's chunk is in: main.tsx renders the app only then. */
export const i18nReady: Promise<void> = loadLanguage(firstLocale).then(() => syncDocument(firstLocale));

/** antd's texts for the language shown (loaded with it). */
export function antdLocale(): AntdLocale | undefined {
  return antdLocales.get(currentLocale());
}

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
  await loadLanguage(locale);
  syncDocument(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
