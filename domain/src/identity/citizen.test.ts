import { Type } from '@sinclair/typebox';
import { validate } from '../validate';
import { CalendarDate, PersonalDataInput } from './citizen';

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    return (e as Error).message.replace(/^INVALID_ARGUMENT: /, '');
  }
  return 'no error';
};

describe('citizen schemas', () => {
  it('accepts calendar dates that exist, and only those', () => {
    expect(validate(CalendarDate, '2024-02-29', 'd')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '1990-13-01', '1990-1-1', '1990-01-01T00:00:00Z', 19900101]) {
      expect(failure(() => validate(CalendarDate, bad, 'd'))).toBe('d must be a calendar date like 1990-12-31');
    }
    expect(failure(() => validate(Type.String({ format: 'date' }), '2023-02-30', 'd'))).toBe('d must be a calendar date');
  });

  it('requires a salt of at least 16 characters with the personal data', () => {
    const input = { salt: 's'.repeat(16), givenName: 'Ada', familyName: 'L', dateOfBirth: '1990-12-31', address: 'Main St 1' };
    expect(validate(PersonalDataInput, input, 'citizen')).toEqual(input);
    expect(failure(() => validate(PersonalDataInput, { ...input, salt: 'short' }, 'citizen'))).toBe('citizen.salt must be 16..256 characters long');
    expect(failure(() => validate(PersonalDataInput, { ...input, nick: 'x' }, 'citizen'))).toBe('citizen.nick is not allowed');
  });
});
