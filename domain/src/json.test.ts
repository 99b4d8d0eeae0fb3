import { canonicalJson, fromBytes, toBytes } from './json';

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: null }] } })).toBe(
      '{"a":{"c":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('is independent of insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('serializes primitives like JSON', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
  });

  it('turns undefined and functions in arrays into null, like JSON', () => {
    expect(canonicalJson([undefined, () => 1, 3])).toBe('[null,null,3]');
    expect(canonicalJson({ f: () => 1, s: Symbol('s') })).toBe('{}');
  });

  it('honours toJSON', () => {
    expect(canonicalJson({ when: { toJSON: () => 'later' } })).toBe('{"when":"later"}');
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/Infinity/);
    expect(() => canonicalJson(BigInt(1))).toThrow(/bigint/);
  });
});

describe('toBytes / fromBytes', () => {
  it('round-trips UTF-8', () => {
    const value = { name: 'Zoë ✓', n: 1 };
    const bytes = toBytes(value);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString('utf8')).toBe('{"n":1,"name":"Zoë ✓"}');
    expect(fromBytes(bytes)).toEqual(value);
  });
});
