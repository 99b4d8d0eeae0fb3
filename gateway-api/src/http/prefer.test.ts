import { prefersAsync } from './prefer';

describe('prefersAsync', () => {
  it.each([
    ['respond-async', true],
    ['Respond-Async', true],
    ['return=minimal, respond-async', true],
    ['respond-async; foo=bar, wait=5', true],
    ['return=minimal', false],
    ['respond-asynchronously', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(prefersAsync(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(prefersAsync(undefined)).toBe(false);
  });
});
