import { backoffDelay, type RetryPolicy } from './retry';

const POLICY: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 300 };

describe('backoffDelay', () => {
  it('grows exponentially up to the cap', () => {
    const almostOne = () => 0.999999;
    expect([0, 1, 2, 3].map((retry) => backoffDelay(POLICY, retry, almostOne))).toEqual([99, 199, 299, 299]);
  });

  it('draws the whole range from zero (full jitter)', () => {
    expect(backoffDelay(POLICY, 2, () => 0)).toBe(0);
    expect(backoffDelay(POLICY, 1, () => 0.5)).toBe(100);
  });
});
