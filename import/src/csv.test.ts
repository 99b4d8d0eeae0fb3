import { parseCsv } from './csv';
import { parseJsonLines } from './source';

describe('parseCsv', () => {
  it('reads quoted cells, nests dotted headers, leaves empty cells out and keeps each row\'s line', () => {
    const text = 'id,areaM2,owner.name,owner.email\r\nP-1,500,"Lovelace, Ada",\r\n\r\nP-2,7,"Say ""hi""\nthere",b@x.org\nP-3,1,x\n';
    expect(parseCsv(text)).toEqual([
      { line: 2, value: { id: 'P-1', areaM2: '500', owner: { name: 'Lovelace, Ada' } } },
      { line: 4, value: { id: 'P-2', areaM2: '7', owner: { name: 'Say "hi"\nthere', email: 'b@x.org' } } },
      { line: 6, problem: 'the row has 3 cells; the header has 4' },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['an empty header', 'id,,name\n1,2,3'],
    ['a header with an empty part', 'id,owner.\n1,2'],
    ['an unclosed quote', 'id\n"P-1\n'],
  ])('refuses %s (MALFORMED_FILE)', (_what, text) => {
    expect(() => parseCsv(text)).toThrow(/^MALFORMED_FILE: /);
  });
});

describe('parseJsonLines', () => {
  it('reads one object per line, skips blank lines and names lines that hold no object', () => {
    expect(parseJsonLines('{"id":"P-1"}\n\n{bad\n[1]\n{"id":"P-2"}')).toEqual([
      { line: 1, value: { id: 'P-1' } },
      { line: 3, problem: 'the line is not valid JSON' },
      { line: 4, problem: 'the line is not a JSON object' },
      { line: 5, value: { id: 'P-2' } },
    ]);
  });
});
