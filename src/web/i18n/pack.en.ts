import antd from 'antd/locale/en_US';
import { en } from './en.ts';
import type { LanguagePack } from './types.ts';

/** Everything English the UI needs (dayjs speaks English already), one chunk loaded only when English is shown. */
export const pack: LanguagePack = { catalog: en, antd };
