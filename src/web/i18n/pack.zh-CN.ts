import antd from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { zhCN } from './zh-CN.ts';
import type { LanguagePack } from './types.ts';

/** Everything Chinese the UI needs, one chunk loaded only when Chinese is shown. */
export const pack: LanguagePack = { catalog: zhCN, antd };
