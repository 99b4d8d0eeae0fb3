import { csvField, toCsv } from './csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1)', '=SUM(A1)'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['id', 'note'], [['P-1', 'x, "y"'], ['P-2', '']])).toBe('id,note\r\nP-1,"x, ""y"""\r\nP-2,\r\n');
  });

  it('refuses a row of the wrong length', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow('CSV row 1 has 1 fields, the header 2');
  });
});
