import { ChaincodeError } from '@city-ledger/domain';
import { parseJsonArg, requireEnum, requireId, requireNumber, requireObject } from './validation';

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

describe('requireObject', () => {
  it('accepts plain objects only', () => {
    expect(requireObject({ a: 1 }, 'o')).toEqual({ a: 1 });
    invalid(() => requireObject([], 'o'), 'o');
    invalid(() => requireObject(null, 'o'), 'o');
    invalid(() => requireObject('x', 'o'), 'o');
  });
});

describe('parseJsonArg', () => {
  it('returns the object unchecked', () => {
    expect(parseJsonArg<{ x: number }>('{"x":1}', 'input')).toEqual({ x: 1 });
  });

  it.each(['', '{', '[1]', 'null', '"s"', '3'])('rejects non-object JSON %p', (raw) => {
    invalid(() => parseJsonArg(raw, 'input'), 'input');
  });

  it('rejects a non-string argument', () => {
    invalid(() => parseJsonArg({}, 'input'), 'input');
  });
});
