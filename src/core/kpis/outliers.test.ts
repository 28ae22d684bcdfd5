import { describe, expect, it } from 'vitest';
import { checkOutlier } from './outliers.ts';

const usual = [288, 301, 295, 310, 297, 305, 299, 315, 290, 302, 308, 296];

describe('checkOutlier', () => {
  it('flags 1,280 against a usual ~300 and gives the usual band', () => {
    const check = checkOutlier(1280, usual);
    expect(check?.isOutlier).toBe(true);
    expect(check?.typical).toBe(300);
    expect(check?.low).toBeGreaterThan(200);
    expect(check?.high).toBeLessThan(400);
  });

  it('lets ordinary ups and downs through, and a steady series move by less than a quarter', () => {
    expect(checkOutlier(330, usual)?.isOutlier).toBe(false);
    expect(checkOutlier(260, usual)?.isOutlier).toBe(false);
    expect(checkOutlier(120, usual)?.isOutlier).toBe(true);
    const steady = [1000, 1000, 1000, 1000, 1000, 1001];
    expect(checkOutlier(1200, steady)?.isOutlier).toBe(false);
    expect(checkOutlier(1300, steady)?.isOutlier).toBe(true);
  });

  it('is not fooled by one earlier outlier in the recent values', () =>
    expect(checkOutlier(1280, [...usual.slice(0, 11), 5000])?.isOutlier).toBe(true));

  it('says nothing with fewer than five recent values', () => {
    expect(checkOutlier(1280, [300, 310, 290, 305])).toBeNull();
    expect(checkOutlier(Number.NaN, usual)).toBeNull();
  });

  it('treats any change of a series stuck at zero as unusual', () => {
    expect(checkOutlier(3, [0, 0, 0, 0, 0])?.isOutlier).toBe(true);
    expect(checkOutlier(0, [0, 0, 0, 0, 0])?.isOutlier).toBe(false);
  });
});
