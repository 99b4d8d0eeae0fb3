import { bytesForBits, decodeBase64Url, encodeBase64Url, getBit, padBytes, setBit } from './bitstring';

describe('bitstring', () => {
  it('puts index 0 in the most significant bit of byte 0', () => {
    expect([...setBit(new Uint8Array(1), 0, true)]).toEqual([0x80]);
    expect([...setBit(new Uint8Array(1), 7, true)]).toEqual([0x01]);
    expect([...setBit(new Uint8Array(2), 9, true)]).toEqual([0x00, 0x40]);
  });

  it('sets and clears bits without mutating the input', () => {
    const empty = new Uint8Array(2);
    const one = setBit(empty, 3, true);
    expect(getBit(one, 3)).toBe(true);
    expect(getBit(empty, 3)).toBe(false);
    const both = setBit(one, 12, true);
    expect([3, 12].map((i) => getBit(both, i))).toEqual([true, true]);
    const cleared = setBit(both, 3, false);
    expect(getBit(cleared, 3)).toBe(false);
    expect(getBit(cleared, 12)).toBe(true);
    expect(getBit(both, 3)).toBe(true);
  });

  it('grows when setting past the end and reads past the end as false', () => {
    const grown = setBit(new Uint8Array(), 17, true);
    expect(grown.length).toBe(3);
    expect(getBit(grown, 17)).toBe(true);
    expect(getBit(grown, 1000)).toBe(false);
    expect(setBit(grown, 100, false).length).toBe(13);
  });

  it('sizes and pads', () => {
    expect([0, 1, 8, 9, 16].map(bytesForBits)).toEqual([0, 1, 1, 2, 2]);
    expect([...padBytes(Uint8Array.of(1), 3)]).toEqual([1, 0, 0]);
    expect([...padBytes(Uint8Array.of(1, 2), 1)]).toEqual([1, 2]);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses index %p', (index) => {
    expect(() => getBit(new Uint8Array(1), index)).toThrow(RangeError);
    expect(() => setBit(new Uint8Array(1), index, true)).toThrow(RangeError);
  });

  it('encodes base64url without padding and round-trips', () => {
    const bytes = Uint8Array.of(0xfb, 0xff, 0x00, 0x40);
    const text = encodeBase64Url(bytes);
    expect(text).toBe('-_8AQA');
    expect([...decodeBase64Url(text)]).toEqual([...bytes]);
    expect(encodeBase64Url(new Uint8Array())).toBe('');
    expect(decodeBase64Url('').length).toBe(0);
  });

  it.each(['+/8A', 'AA==', 'A', 'AB C'])('refuses non-base64url %p', (text) => {
    expect(() => decodeBase64Url(text)).toThrow(RangeError);
  });
});
