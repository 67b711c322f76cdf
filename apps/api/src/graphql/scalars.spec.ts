import { Kind } from 'graphql';
import { DateTimeScalar, parseInstant } from './scalars';

describe('DateTime accepts only real calendar instants', () => {
  it.each([
    ['2026-11-27T09:30:00Z', '2026-11-27T09:30:00.000Z'],
    ['2026-11-27T09:30Z', '2026-11-27T09:30:00.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:59.999Z'],
    ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00.000Z'],
    ['2026-02-28T23:30:00-05:30', '2026-03-01T05:00:00.000Z'],
    ['2026-06-01T10:00:00.123456789+14:00', '2026-05-31T20:00:00.123Z'],
    ['2026-06-01T10:00:00.5Z', '2026-06-01T10:00:00.500Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('reads %s as %s, the instant Date.parse gives', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
    expect(parseInstant(text)?.getTime()).toBe(Date.parse(text));
  });

  it.each([
    ['February 30th', '2026-02-30T10:00:00Z'],
    ['February 29th of a year that is not a leap year', '2026-02-29T10:00:00Z'],
    ['February 29th of a century that is not a leap year', '1900-02-29T10:00:00Z'],
    ['April 31st', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['month 00', '2026-00-10T10:00:00Z'],
    ['day 00', '2026-01-00T10:00:00Z'],
    ['hour 24', '2026-01-10T24:00:00Z'],
    ['minute 60', '2026-01-10T10:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset hour of 24', '2026-01-10T10:00:00+24:00'],
    ['an offset minute of 60', '2026-01-10T10:00:00+01:60'],
    ['no zone', '2026-01-10T10:00:00'],
    ['a date alone', '2026-01-10'],
    ['a space for the T', '2026-01-10 10:00:00Z'],
    ['an offset without a colon', '2026-01-10T10:00:00+0100'],
  ])('refuses %s (%s)', (_name, text) => {
    expect(parseInstant(text)).toBeNull();
    expect(() => DateTimeScalar.parseValue(text)).toThrow(/DateTime must be a real ISO 8601 instant/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text })).toThrow(TypeError);
  });

  it('serialises Dates and the ISO strings read models keep', () => {
    expect(DateTimeScalar.serialize(new Date('2026-02-28T10:00:00Z'))).toBe('2026-02-28T10:00:00.000Z');
    expect(DateTimeScalar.serialize('2026-02-28T10:00:00.000Z')).toBe('2026-02-28T10:00:00.000Z');
  });
});
