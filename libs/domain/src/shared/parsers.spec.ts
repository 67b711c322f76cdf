import { CalendarDate, Instant } from './calendar-date';
import { Currency } from './currency';
import { Email } from './email';
import { parseEnum } from './enums';
import { ValidationError } from './errors';
import { EntityId, UserId } from './ids';
import { OrganisationName, PersonName } from './person-name';
import { Phone } from './phone';
import { FreeText, SingleLineText } from './text';
import { WebDomain } from './web-domain';

const rejects = (parse: () => unknown, field: string) => {
  let error: unknown;
  try {
    parse();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fields).toEqual([{ field, message: expect.any(String) }]);
};

describe('Email', () => {
  it.each([
    [' Jane.Doe@Acme.NL ', 'Jane.Doe@acme.nl'],
    ['j+crm@sub.acme.co.uk', 'j+crm@sub.acme.co.uk'],
    ["o'brien@acme.ie", "o'brien@acme.ie"],
    ['jan@müller.de', 'jan@xn--mller-kva.de'],
  ])('accepts %p as %p', (raw, expected) => expect(Email.parse(raw)).toBe(expected));

  const badEmails = ['', 'jane', 'jane@', '@acme.nl', 'jane@acme', 'jane@@acme.nl', 'ja ne@acme.nl', '.jane@acme.nl'];
  const moreBadEmails = ['jane..d@acme.nl', 'jane@-acme.nl', 'jane@acme.123', `${'a'.repeat(65)}@acme.nl`];
  it.each([...badEmails, ...moreBadEmails])('rejects %p', (raw) =>
    rejects(() => Email.parse(raw, 'contact.email'), 'contact.email'),
  );
});

describe('Phone', () => {
  it.each([
    ['020 123 4567', '+31201234567'],
    ['06-12345678', '+31612345678'],
    ['0031 20 123 4567', '+31201234567'],
    ['+31 (0)20 123 4567', '+31201234567'],
    ['+1 650 253 0000', '+16502530000'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('normalises %p to %p', (raw, expected) => expect(Phone.parse(raw)).toBe(expected));

  it('reads numbers without + in the given region', () => {
    expect(Phone.parse('030 123456', 'phone', 'DE')).toBe('+4930123456');
  });

  it.each(['', '12', 'abc', '+31 20', '+999 123456789', '1'.repeat(41)])('rejects %p', (raw) => rejects(() => Phone.parse(raw), 'phone'));
});

describe('WebDomain', () => {
  it.each([
    ['acme.nl', 'acme.nl'],
    ['https://www.Acme.nl/about', 'acme.nl'],
    ['HTTP://shop.acme.co.uk:8080/x?y#z', 'shop.acme.co.uk'],
    ['acme.nl.', 'acme.nl'],
    ['www.acme.nl', 'acme.nl'],
    ['www.nl', 'www.nl'],
    ['müller.de', 'xn--mller-kva.de'],
  ])('normalises %p to %p', (raw, expected) => expect(WebDomain.parse(raw)).toBe(expected));

  it.each(['', 'acme', 'localhost', '192.168.1.1', '-acme.nl', 'acme-.nl', 'ac me.nl', 'acme..nl', `${'a'.repeat(64)}.nl`])(
    'rejects %p',
    (raw) => rejects(() => WebDomain.parse(raw, 'companyDomain'), 'companyDomain'),
  );
});

describe('Currency', () => {
  it.each([['eur', 'EUR'], [' usd ', 'USD'], ['JPY', 'JPY']])('accepts %p', (raw, expected) => expect(Currency.parse(raw)).toBe(expected));
  it.each(['', 'EURO', 'ABC', 'XAU', 'XXX', 'E1R'])('rejects %p', (raw) => rejects(() => Currency.parse(raw), 'currency'));
  it('knows minor units', () => {
    expect([Currency.minorDigits('EUR'), Currency.minorDigits('JPY'), Currency.minorDigits('BHD')]).toEqual([2, 0, 3]);
  });
});

describe('CalendarDate', () => {
  it.each(['2025-05-14', '2024-02-29', '2000-02-29', '2025-12-31'])('accepts %p', (raw) => expect(CalendarDate.parse(raw)).toBe(raw));
  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-04-31', '2025-00-10', '2025-5-14', '14-05-2025', '2025-05-14T00:00:00Z', ''])(
    'rejects %p',
    (raw) => rejects(() => CalendarDate.parse(raw, 'expectedCloseDate'), 'expectedCloseDate'),
  );
  it.each([
    ['2025-01-01', '2025-03-31'],
    ['2025-05-14', '2025-06-30'],
    ['2025-09-30', '2025-09-30'],
    ['2025-11-02', '2025-12-31'],
  ])('ends the quarter of %p on %p', (date, end) => expect(CalendarDate.endOfQuarter(date)).toBe(end));
  it('takes the UTC date of an instant', () => {
    expect(CalendarDate.ofInstant('2025-03-31T23:30:00-02:00')).toBe('2025-04-01');
  });
});

describe('Instant', () => {
  it.each([
    ['2025-05-14T09:30:00Z', '2025-05-14T09:30:00.000Z'],
    ['2025-05-14T09:30Z', '2025-05-14T09:30:00.000Z'],
    ['2025-05-14T11:30:00.123+02:00', '2025-05-14T09:30:00.123Z'],
  ])('normalises %p', (raw, expected) => expect(Instant.parse(raw)).toBe(expected));
  it.each(['2025-05-14', '2025-05-14T09:30:00', '2025-02-30T00:00:00Z', '2025-05-14T24:00:00Z', 'yesterday', ''])('rejects %p', (raw) =>
    rejects(() => Instant.parse(raw, 'asOf'), 'asOf'),
  );
});

describe('names and text', () => {
  it('trims and collapses whitespace in names', () => {
    expect(PersonName.parse('  Jan   de\tVries ')).toBe('Jan de Vries');
    expect(OrganisationName.parse(' Acme\n B.V. ')).toBe('Acme B.V.');
  });
  it.each(['', '   ', 'x'.repeat(201), 'bad\u0000name'])('rejects name %p', (raw) => rejects(() => PersonName.parse(raw, 'firstName'), 'firstName'));
  it('accepts a 200 character name', () => expect(PersonName.parse('x'.repeat(200))).toHaveLength(200));
  it('keeps lines in free text, bounded', () => {
    expect(FreeText.parse(' line 1\r\nline 2 ', 'notes')).toBe('line 1\nline 2');
    rejects(() => FreeText.parse('x'.repeat(11), 'notes', 10), 'notes');
    rejects(() => SingleLineText.parse(42, 'jobTitle'), 'jobTitle');
  });
});

describe('ids and enums', () => {
  it('lowercases UUIDs and rejects anything else', () => {
    expect(EntityId.parse('2F1D7C1E-5B8A-4C3E-9F7A-0A1B2C3D4E5F')).toBe('2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f');
    rejects(() => EntityId.parse('lead-1', 'leadId'), 'leadId');
  });
  it('accepts opaque user ids without spaces', () => {
    expect(UserId.parse(' auth0|123 ')).toBe('auth0|123');
    rejects(() => UserId.parse('two words'), 'ownerId');
  });
  it('parses enum values case-insensitively and rejects unknown ones', () => {
    expect(parseEnum(['A', 'B'] as const, ' b ', 'kind')).toBe('B');
    rejects(() => parseEnum(['A', 'B'] as const, 'C', 'kind'), 'kind');
  });
});
