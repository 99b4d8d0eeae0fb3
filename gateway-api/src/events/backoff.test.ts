import { backoffDelay, DEFAULT_RETRY } from './backoff';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the ceiling each attempt and draws from its upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('stops growing at the maximum', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
  });

  it('gives up after a bounded total by default', () => {
    const worst = Array.from({ length: DEFAULT_RETRY.maxAttempts - 1 }, (_, i) => backoffDelay(i + 1, DEFAULT_RETRY, () => 1)).reduce((a, b) => a + b, 0);
    expect(worst).toBeLessThan(30 * 60_000);
  });
});
