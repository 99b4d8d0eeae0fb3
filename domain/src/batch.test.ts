import { Batch, batchField, batchIndexOf, MAX_BATCH_RECORDS } from './batch';
import { Id } from './schemas';
import { validate } from './validate';

describe('Batch', () => {
  it('holds 1..MAX_BATCH_RECORDS records of the record schema, naming a bad one by index', () => {
    expect(validate(Batch(Id), ['a', 'b'], 'records')).toEqual(['a', 'b']);
    expect(() => validate(Batch(Id), [], 'records')).toThrow(/^INVALID_ARGUMENT: records must have 1\.\./);
    expect(() => validate(Batch(Id), Array.from({ length: MAX_BATCH_RECORDS + 1 }, () => 'a'), 'records')).toThrow(/^INVALID_ARGUMENT: records must have/);
    expect(() => validate(Batch(Id), ['a', 'bad id'], 'records')).toThrow(/^INVALID_ARGUMENT: records\[1\] /);
  });
});

describe('batchIndexOf', () => {
  it('reads the index an error detail names, and nothing from other details', () => {
    expect(batchIndexOf(`${batchField(17)}.areaM2 must be at least 1`)).toBe(17);
    expect(batchIndexOf('records[3]: parcel P-9 already exists')).toBe(3);
    expect(batchIndexOf('parcel P-9 already exists')).toBeUndefined();
    expect(batchIndexOf('owners must have one entry per record')).toBeUndefined();
  });
});
