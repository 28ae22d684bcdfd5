import type { zhCN } from './zh-CN.ts';

/** A catalogue with the same keys as the Chinese one, every leaf a string. */
export type Catalog = DeepStrings<typeof zhCN>;

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
