import { Type } from '@sinclair/typebox';
import { ChaincodeError } from './errors';
import { Enum, HexHash, HistoryEntry, Id, Page, Text, Timestamp } from './schemas';
import { isAbsent, parseJson, validate } from './validate';

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChaincodeError);
    expect((error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
    return (error as ChaincodeError).detail;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

const Item = Type.Object(
  {
    id: Id,
    name: Text(10),
    kind: Enum(['A', 'B'] as const),
    count: Type.Integer({ minimum: 1, maximum: 5 }),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 10 })),
    urgent: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 2 })),
  },
  { additionalProperties: false },
);

describe('validate', () => {
  it('returns a fresh value in schema order with absent optionals left out and strings coerced', () => {
    const value = validate(Item, { urgent: 'true', weight: '2.5', count: '3', kind: 'A', name: 'x\ty', id: 'I-1', tags: null }, 'item');
    expect(value).toEqual({ id: 'I-1', name: 'x\ty', kind: 'A', count: 3, weight: 2.5, urgent: true });
    expect(Object.keys(value)).toEqual(['id', 'name', 'kind', 'count', 'weight', 'urgent']);
  });

  it.each([
    [{}, 'item.id must be an ID: 1-128 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit'],
    [{ id: 'I', name: 5 }, 'item.name must be a string'],
    [{ id: 'I', name: '' }, 'item.name must be 1..10 characters long'],
    [{ id: 'I', name: 'a\u0000' }, 'item.name must not contain control characters'],
    [{ id: 'I', name: 'n', kind: 'C' }, 'item.kind must be one of: A, B'],
    [{ id: 'I', name: 'n', kind: 'A', count: 'x' }, 'item.count must be a number'],
    [{ id: 'I', name: 'n', kind: 'A', count: '1e999' }, 'item.count must be a finite number'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1.5 }, 'item.count must be an integer'],
    [{ id: 'I', name: 'n', kind: 'A', count: 0 }, 'item.count must be at least 1'],
    [{ id: 'I', name: 'n', kind: 'A', count: 6 }, 'item.count must be at most 5'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, weight: 0 }, 'item.weight must be more than 0'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, weight: 10 }, 'item.weight must be less than 10'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, urgent: 'yes' }, 'item.urgent must be true or false'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, tags: 'a' }, 'item.tags must be an array'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, tags: ['a', 'b', 'c'] }, 'item.tags must have 1..2 items'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, tags: ['-'] }, 'item.tags[0] must be an ID: 1-128 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit'],
    [{ id: 'I', name: 'n', kind: 'A', count: 1, extra: 1 }, 'item.extra is not allowed'],
    [[], 'item must be a JSON object'],
  ])('refuses %j: %s', (input, message) => {
    expect(failure(() => validate(Item, input, 'item'))).toBe(message);
  });

  it('checks timestamps and hashes with their own messages', () => {
    expect(validate(Timestamp, '2024-02-29T23:59:59Z', 'at')).toBe('2024-02-29T23:59:59Z');
    expect(failure(() => validate(Timestamp, '2023-02-29T00:00:00Z', 'at'))).toBe('at must be an RFC 3339 UTC timestamp like 2025-01-31T12:00:00Z');
    expect(failure(() => validate(Type.String({ format: 'date-time' }), 'yesterday', 'at'))).toBe('at must be an RFC 3339 UTC timestamp');
    expect(validate(HexHash, 'a'.repeat(64), 'hash')).toBe('a'.repeat(64));
    expect(failure(() => validate(HexHash, 'A'.repeat(64), 'hash'))).toBe('hash must be a SHA-256 hash: 64 lowercase hex characters');
    expect(failure(() => validate(Type.String({ pattern: '^a+$' }), 'b', 's'))).toBe('s must match ^a+$');
    expect(failure(() => validate(Type.String({ maxLength: 2 }), 'abc', 's'))).toBe('s must be 0..2 characters long');
  });

  it('accepts a union by its first matching member, and names the constants when none matches', () => {
    const Kind = Type.Union([Type.Literal('x'), Type.Literal('y')]);
    expect(validate(Kind, 'y', 'kind')).toBe('y');
    expect(failure(() => validate(Kind, 'z', 'kind'))).toBe('kind must be one of: x, y');
    const IdOrCount = Type.Union([Id, Type.Integer()]);
    expect(validate(IdOrCount, '7', 'ref')).toBe('7');
    expect(failure(() => validate(IdOrCount, {}, 'ref'))).toBe('ref does not match any allowed form');
    expect(failure(() => validate(Type.Literal('x'), 'y', 'kind'))).toBe('kind must be x');
  });

  it('keeps or checks undeclared properties as the schema says', () => {
    expect(validate(Type.Object({ a: Type.Number() }), { a: 1, b: 'kept', c: undefined }, 'o')).toEqual({ a: 1, b: 'kept' });
    const Counts = Type.Object({}, { additionalProperties: Type.Integer() });
    expect(validate(Counts, { a: '2' }, 'o')).toEqual({ a: 2 });
    expect(failure(() => validate(Counts, { a: 'x' }, 'o'))).toBe('o.a must be a number');
    expect(validate(Type.Unknown(), { any: [1] }, 'v')).toEqual({ any: [1] });
    expect(validate(Type.Array(Type.Unknown()), [1, 'a'], 'v')).toEqual([1, 'a']);
  });

  it('describes pages and history entries', () => {
    expect(validate(Page(Id), { items: ['a'], bookmark: '' }, 'page')).toEqual({ items: ['a'], bookmark: '' });
    expect(validate(HistoryEntry(Id), { txId: 't', timestamp: 'x', isDelete: true }, 'h')).toEqual({ txId: 't', timestamp: 'x', isDelete: true });
  });

  it('refuses a schema it does not know, as a programming error', () => {
    expect(() => validate(Type.Null(), null, 'v')).toThrow(TypeError);
  });
});

describe('parseJson', () => {
  it('parses then validates', () => {
    expect(parseJson(Type.Object({ a: Id }), '{"a":"x"}', 'arg')).toEqual({ a: 'x' });
  });

  it.each([
    [5, 'arg must be a JSON string'],
    ['{', 'arg must be valid JSON'],
    ['[]', 'arg must be a JSON object'],
  ])('refuses %j', (raw, message) => {
    expect(failure(() => parseJson(Type.Object({}), raw, 'arg'))).toBe(message);
  });
});

describe('isAbsent', () => {
  it('treats undefined, null and the empty string as absent', () => {
    expect([undefined, null, '', 0, false].map(isAbsent)).toEqual([true, true, true, false, false]);
  });
});
