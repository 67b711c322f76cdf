import { csvDocument, csvRecord } from './csv-records';

describe('csv records (RFC 4180)', () => {
  it('leaves plain fields as they are and ends the record with CRLF', () => {
    expect(csvRecord(['2026-03', 'PIPELINE', '12', 'EUR', '1500.00'])).toBe('2026-03,PIPELINE,12,EUR,1500.00\r\n');
  });

  it.each([
    ['a comma', 'Sales, Benelux', '"Sales, Benelux"'],
    ['a quote, doubled inside quotes', 'the "big" deal', '"the ""big"" deal"'],
    ['a line feed', 'two\nlines', '"two\nlines"'],
    ['a carriage return', 'two\rlines', '"two\rlines"'],
  ])('quotes a field with %s', (_name, field, quoted) => {
    expect(csvRecord(['x', field, 'y'])).toBe(`x,${quoted},y\r\n`);
  });

  it('keeps empty fields as empty, so a record always has every column', () => {
    expect(csvRecord(['', 'a', ''])).toBe(',a,\r\n');
  });

  it('writes the header first, then one record per row', () => {
    expect(csvDocument(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('a,b\r\n1,2\r\n3,4\r\n');
    expect(csvDocument(['a', 'b'], [])).toBe('a,b\r\n');
  });
});
