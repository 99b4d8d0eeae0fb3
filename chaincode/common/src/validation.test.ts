import { ChaincodeError } from '@city-ledger/domain';
import {
  optional,
  optionalBoolean,
  optionalHexHash,
  optionalId,
  optionalIsoTimestamp,
  optionalNumber,
  optionalText,
  parseJsonArg,
  requireArray,
  requireBoolean,
  requireEnum,
  requireHexHash,
  requireId,
  requireIsoTimestamp,
  requireNumber,
  requireObject,
  requireShape,
  requireText,
} from './validation';

function invalid(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ChaincodeError);
    expect((err as ChaincodeError).code).toBe('INVALID_ARGUMENT');
    expect((err as ChaincodeError).detail.startsWith(field)).toBe(true);
    return;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('requireId', () => {
  it.each(['P-1', 'a', 'x.y_z:1-2', 'A'.repeat(128)])('accepts %p', (id) => {
    expect(requireId(id, 'id')).toBe(id);
  });
  it.each(['', '-a', '.a', 'a b', 'a/b', 'A'.repeat(129), 'é', 'a\u0000', 1, null, undefined])('rejects %p', (id) => {
    invalid(() => requireId(id, 'parcelId'), 'parcelId');
  });
});

describe('requireText', () => {
  it('checks type, length and control characters', () => {
    expect(requireText('hello\tworld\n', 'note')).toBe('hello\tworld\n');
    expect(requireText('', 'note', { min: 0 })).toBe('');
    invalid(() => requireText('', 'note'), 'note');
    invalid(() => requireText('abcd', 'note', { max: 3 }), 'note');
    invalid(() => requireText('a'.repeat(1001), 'note'), 'note');
    invalid(() => requireText('a\u0000b', 'note'), 'note');
    invalid(() => requireText('a\u001bb', 'note'), 'note');
    invalid(() => requireText(5, 'note'), 'note');
  });
});

describe('requireEnum', () => {
  it('returns the member, typed', () => {
    const status: 'open' | 'closed' = requireEnum('open', 'status', ['open', 'closed'] as const);
    expect(status).toBe('open');
    invalid(() => requireEnum('OPEN', 'status', ['open', 'closed']), 'status');
    invalid(() => requireEnum(1, 'status', ['open']), 'status');
  });
});

describe('requireNumber', () => {
  it('parses strict decimal strings and numbers', () => {
    expect(requireNumber('12', 'n')).toBe(12);
    expect(requireNumber('-1.5e3', 'n')).toBe(-1500);
    expect(requireNumber(0.25, 'n')).toBe(0.25);
  });
  it.each(['', ' 1', '1 ', '0x10', '01', '1e', 'NaN', 'Infinity', '1,5', true, null, Number.NaN, Infinity])(
    'rejects %p',
    (value) => invalid(() => requireNumber(value, 'n'), 'n'),
  );
  it('rejects numbers too large to be finite', () => {
    invalid(() => requireNumber('1e400', 'n'), 'n');
  });
  it('checks bounds and integers', () => {
    expect(requireNumber('100', 'pageSize', { integer: true, min: 1, max: 100 })).toBe(100);
    invalid(() => requireNumber('1.5', 'pageSize', { integer: true }), 'pageSize');
    invalid(() => requireNumber('0', 'pageSize', { min: 1 }), 'pageSize');
    invalid(() => requireNumber('101', 'pageSize', { max: 100 }), 'pageSize');
  });
});

describe('requireBoolean', () => {
  it('accepts booleans and their strings only', () => {
    expect(requireBoolean(true, 'b')).toBe(true);
    expect(requireBoolean('true', 'b')).toBe(true);
    expect(requireBoolean(false, 'b')).toBe(false);
    expect(requireBoolean('false', 'b')).toBe(false);
    invalid(() => requireBoolean('yes', 'b'), 'b');
    invalid(() => requireBoolean(1, 'b'), 'b');
  });
});

describe('requireIsoTimestamp', () => {
  it('accepts RFC 3339 UTC and returns it unchanged', () => {
    expect(requireIsoTimestamp('2025-01-31T12:00:00Z', 'at')).toBe('2025-01-31T12:00:00Z');
    expect(requireIsoTimestamp('2025-01-31T12:00:00.123Z', 'at')).toBe('2025-01-31T12:00:00.123Z');
    invalid(() => requireIsoTimestamp('2025-02-30T12:00:00Z', 'at'), 'at');
    invalid(() => requireIsoTimestamp('2025-01-31T12:00:00+00:00', 'at'), 'at');
    invalid(() => requireIsoTimestamp(0, 'at'), 'at');
  });
});

describe('requireHexHash', () => {
  it('accepts 64 lowercase hex characters only', () => {
    const hash = 'a'.repeat(64);
    expect(requireHexHash(hash, 'hash')).toBe(hash);
    invalid(() => requireHexHash('A'.repeat(64), 'hash'), 'hash');
    invalid(() => requireHexHash('a'.repeat(63), 'hash'), 'hash');
    invalid(() => requireHexHash(undefined, 'hash'), 'hash');
  });
});

describe('requireObject and requireArray', () => {
  it('accepts plain objects only', () => {
    expect(requireObject({ a: 1 }, 'o')).toEqual({ a: 1 });
    invalid(() => requireObject([], 'o'), 'o');
    invalid(() => requireObject(null, 'o'), 'o');
    invalid(() => requireObject('x', 'o'), 'o');
  });

  it('validates each item with its index in the field name', () => {
    expect(requireArray(['a', 'b'], 'ids', requireId)).toEqual(['a', 'b']);
    invalid(() => requireArray(['a', ' '], 'ids', requireId), 'ids[1]');
    invalid(() => requireArray('a', 'ids', requireId), 'ids');
    invalid(() => requireArray([], 'ids', requireId, { min: 1 }), 'ids');
    invalid(() => requireArray(['a', 'b'], 'ids', requireId, { max: 1 }), 'ids');
  });
});

describe('requireShape and parseJsonArg', () => {
  const shape = {
    owner: requireId,
    areaM2: (v: unknown, f: string) => requireNumber(v, f, { min: 0 }),
    note: optionalText,
  };

  it('validates and types each property, omitting absent optionals', () => {
    const parcel = parseJsonArg('{"owner":"C-1","areaM2":12.5}', 'parcel', shape);
    expect(parcel).toEqual({ owner: 'C-1', areaM2: 12.5 });
    expect('note' in parcel).toBe(false);
  });

  it('names the nested field', () => {
    invalid(() => parseJsonArg('{"owner":"C-1","areaM2":-1}', 'parcel', shape), 'parcel.areaM2');
    invalid(() => requireShape({ areaM2: 1 }, 'parcel', shape), 'parcel.owner');
  });

  it('rejects unknown properties', () => {
    invalid(() => parseJsonArg('{"owner":"C-1","areaM2":1,"oops":1}', 'parcel', shape), 'parcel.oops');
  });

  it('without a shape returns the object unchecked', () => {
    expect(parseJsonArg<{ x: number }>('{"x":1}', 'input')).toEqual({ x: 1 });
  });

  it.each(['', '{', '[1]', 'null', '"s"', '3'])('rejects non-object JSON %p', (raw) => {
    invalid(() => parseJsonArg(raw, 'input'), 'input');
  });

  it('rejects a non-string argument', () => {
    invalid(() => parseJsonArg({}, 'input'), 'input');
  });
});

describe('optional validators', () => {
  it('treat undefined, null and empty string as absent', () => {
    for (const absent of [undefined, null, '']) {
      expect(optionalId(absent, 'f')).toBeUndefined();
      expect(optionalText(absent, 'f')).toBeUndefined();
      expect(optionalNumber(absent, 'f')).toBeUndefined();
      expect(optionalBoolean(absent, 'f')).toBeUndefined();
      expect(optionalIsoTimestamp(absent, 'f')).toBeUndefined();
      expect(optionalHexHash(absent, 'f')).toBeUndefined();
    }
  });

  it('validate present values', () => {
    expect(optionalId('a', 'f')).toBe('a');
    expect(optionalNumber('2', 'f')).toBe(2);
    invalid(() => optionalIsoTimestamp('yesterday', 'validUntil'), 'validUntil');
    const optionalStatus = optional((v, f) => requireEnum(v, f, ['a', 'b'] as const));
    expect(optionalStatus('b', 's')).toBe('b');
    invalid(() => optionalStatus('c', 's'), 's');
  });
});
