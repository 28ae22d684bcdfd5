import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../server/feedback/segmenter.ts';
import {
  clusterScore,
  clusterSignature,
  csatOf,
  guessSentiment,
  messageLocale,
  nearestCluster,
  reconcileClusters,
  resolutionMessage,
  weeklyCounts,
} from './index.ts';

const segment = jiebaSegmenter();

describe('feedback inbox logic', () => {
  it('guesses a first sentiment in both languages', () => {
    expect(guessSentiment('快递太慢了，三天没到')).toBe('negative');
    expect(guessSentiment('The app keeps crashing on login')).toBe('negative');
    expect(guessSentiment('很好用，谢谢')).toBe('positive');
    expect(guessSentiment('请问怎么修改收货地址')).toBe('neutral');
  });

  it('puts an arrival in the cluster it resembles, or in none', () => {
    const delivery = clusterSignature(['快递太慢了', '物流三天没更新', '包裹一直没送到'], segment);
    const refund = clusterSignature(
      ['退款还没到账', 'refund is taking forever', '退货申请没人处理'],
      segment,
    );
    const clusters = [
      { id: 'delivery', signature: delivery },
      { id: 'refund', signature: refund },
    ];
    expect(nearestCluster('我的快递到哪了，物流不动', clusters, segment)?.id).toBe('delivery');
    expect(nearestCluster('Where is my refund?', clusters, segment)?.id).toBe('refund');
    expect(nearestCluster('希望增加夜间模式', clusters, segment)).toBeNull();
  });

  it('keeps pinned labels and placed items through a re-clustering', () => {
    const stored = [
      { id: 'A', label: '物流慢（人工命名）', labelPinned: true, itemIds: ['1', '2', '3'] },
      { id: 'B', label: '退款', labelPinned: false, itemIds: ['4', '5'] },
      { id: 'C', label: '登录', labelPinned: false, itemIds: ['6', '7'] },
    ];
    const result = {
      clusters: [
        { label: '快递 / 物流', terms: ['快递'], itemIds: ['1', '2', '3', '8'] },
        { label: '退款 / 售后', terms: ['退款'], itemIds: ['4', '5', '9'] },
      ],
      unclustered: ['6', '7'],
    };
    // A person moved item 9 into "登录" and item 3 stays where they put it.
    const plan = reconcileClusters(
      result,
      stored,
      new Map([
        ['9', 'C'],
        ['3', 'A'],
      ]),
    );
    expect(plan.clusters).toEqual([
      { id: 'A', label: '物流慢（人工命名）', terms: ['快递'], itemIds: ['1', '2', '8', '3'] },
      { id: 'B', label: '退款 / 售后', terms: ['退款'], itemIds: ['4', '5'] },
      { id: 'C', label: '登录', terms: [], itemIds: ['9'] },
    ]);
    expect(plan.dropped).toEqual([]);
    expect(reconcileClusters({ clusters: [], unclustered: [] }, stored, new Map()).dropped).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('ranks rising issues above quiet ones of the same size and counts weeks', () => {
    const now = Date.UTC(2026, 10, 30);
    const day = 86_400_000;
    expect(weeklyCounts([now - day, now - 2 * day, now - 8 * day, now - 100 * day], now, 4)).toEqual([
      0, 0, 1, 2,
    ]);
    const rising = clusterScore({ size: 10, votes: 0, recent: 8, previous: 1 });
    const quiet = clusterScore({ size: 10, votes: 0, recent: 1, previous: 1 });
    expect(rising).toBeGreaterThan(quiet);
    expect(clusterScore({ size: 10, votes: 50, recent: 1, previous: 1 })).toBeGreaterThan(quiet);
  });

  it('summarises CSAT and writes the resolution message in the submitter’s language, escaped', () => {
    expect(csatOf([5, 4, 1, 2, 5])).toEqual({
      count: 5,
      average: 3.4,
      satisfied: 0.6,
      distribution: [1, 1, 0, 1, 2],
    });
    expect(csatOf([])).toMatchObject({ count: 0, average: null });
    expect(messageLocale('物流 too slow')).toBe('zh-CN');
    const message = resolutionMessage('en', {
      title: 'Export <b>broken</b>',
      resolution: 'Fixed in 2.3 <script>',
      ratingUrl: (score) => `https://x.test/rate?score=${score}`,
      pageUrl: 'https://x.test/item',
    });
    expect(message.subject).toBe('Your feedback was resolved: Export <b>broken</b>');
    expect(message.html).toContain('Fixed in 2.3 &lt;script&gt;');
    expect(message.html).not.toContain('<script>');
    expect(message.text).toContain('5: https://x.test/rate?score=5');
  });
});
