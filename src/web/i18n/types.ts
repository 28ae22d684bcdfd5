import type { Locale as AntdLocale } from 'antd/es/locale';
import type { zhCN } from './zh-CN.ts';

/** A catalogue with the same keys as the Chinese one, every leaf a string. */
export type Catalog = DeepStrings<typeof zhCN>;

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** One language's chunk: the UI catalogue and antd's own texts (date pickers, pagination, empty states). */
export type LanguagePack = { catalog: Catalog; antd: AntdLocale };
