import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import type { Jieba } from '@node-rs/jieba';
import type * as JiebaDict from '@node-rs/jieba/dict.js';
import type { Segmenter } from '../../core/feedback/index.ts';

let jieba: Jieba | null = null;

/** Chinese word segmentation with jieba's bundled dictionary, loaded once (about 0.5 s) on first use. */
export function jiebaSegmenter(): Segmenter {
  // Required here, not imported at the top: the native module and its dictionary (about 12 MB of memory) load
  // with the first text segmented, not with the server.
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof JiebaModule;
    const { dict } = require('@node-rs/jieba/dict.js') as typeof JiebaDict;
    jieba = JiebaClass.withDict(dict);
  }
  const instance = jieba;
  return (text) => instance.cut(text, true);
}
