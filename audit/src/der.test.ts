import { derInteger, derOctetString, derSequence } from './der';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('DER', () => {
  it.each([
    [0n, '020100'],
    [1n, '020101'],
    [127n, '02017f'],
    [128n, '02020080'],
    [255n, '020200ff'],
    [256n, '02020100'],
    [2n ** 64n - 1n, '020900ffffffffffffffff'],
  ])('encodes INTEGER %s minimally', (value, expected) => {
    expect(hex(derInteger(value))).toBe(expected);
  });

  it('refuses negative integers', () => {
    expect(() => derInteger(-1n)).toThrow(RangeError);
  });

  it('encodes empty and short OCTET STRINGs', () => {
    expect(hex(derOctetString(new Uint8Array()))).toBe('0400');
    expect(hex(derOctetString(Uint8Array.from([0xab, 0xcd])))).toBe('0402abcd');
  });

  it('uses the long length form from 128 bytes on', () => {
    expect(hex(derOctetString(new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(hex(derOctetString(new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
  });

  it('wraps members in a SEQUENCE', () => {
    expect(hex(derSequence(derInteger(1n), derOctetString(new Uint8Array())))).toBe('3005020101' + '0400');
  });
});
