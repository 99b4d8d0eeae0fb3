import { isoToMillis, millisToIso, timestampToMillis } from './time';

describe('millisToIso / isoToMillis', () => {
  it('matches Date for a wide spread of instants', () => {
    // Dates are fine in tests: they are the reference implementation here.
    const samples = [0, -1, 1, 951_782_400_000, 4_107_542_399_999, -62_135_596_800_000, 253_402_300_799_999];
    for (let i = 0; i < 2000; i += 1) {
      samples.push(-62_000_000_000_000 + i * 157_680_000_123);
    }
    for (const ms of samples) {
      const iso = new Date(ms).toISOString();
      expect(millisToIso(ms)).toBe(iso);
      expect(isoToMillis(iso)).toBe(ms);
    }
  });

  it('accepts fractions of any length up to nanoseconds, and none', () => {
    expect(isoToMillis('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(isoToMillis('2024-02-29T23:59:59.5Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 500));
    expect(isoToMillis('2024-02-29T23:59:59.123456789Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 123));
  });

  it.each([
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-01T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00+01:00',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00.1234567890Z',
    '24-01-01T00:00:00Z',
    '',
  ])('rejects %p', (iso) => {
    expect(isoToMillis(iso)).toBeUndefined();
  });

  it('knows the Gregorian leap years', () => {
    expect(isoToMillis('2000-02-29T00:00:00Z')).toBeDefined();
    expect(isoToMillis('2100-02-29T00:00:00Z')).toBeUndefined();
  });

  it('refuses non-integers and years outside 0000-9999', () => {
    expect(() => millisToIso(1.5)).toThrow(RangeError);
    expect(() => millisToIso(253_402_300_800_000)).toThrow(/year 10000/);
    expect(() => millisToIso(-62_167_219_200_001)).toThrow(/year -1/);
  });
});

describe('timestampToMillis', () => {
  it('reads Long-like, number and string seconds', () => {
    expect(timestampToMillis({ seconds: { toNumber: () => 2 }, nanos: 345_678_901 })).toBe(2345);
    expect(timestampToMillis({ seconds: 2, nanos: 0 })).toBe(2000);
    expect(timestampToMillis({ seconds: '3', nanos: 1_000_000 })).toBe(3001);
    expect(timestampToMillis({ seconds: 3, nanos: undefined as unknown as number })).toBe(3000);
  });
});
