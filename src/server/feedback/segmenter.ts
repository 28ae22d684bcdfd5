import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from '../../core/feedback/index.ts';

let jieba: Jieba | null = null;

/** Chinese word segmentation with jieba's bundled dictionary, loaded once (about 0.5 s) on first use. */
export function jiebaSegmenter(): Segmenter {
  jieba ??= Jieba.withDict(dict);
  const instance = jieba;
  return (text) => instance.cut(text, true);
}
