import fc from 'fast-check';
import { text } from './fuzz-text';

const one = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const mixed = <T>(specific: fc.Arbitrary<T>, weight = 3): fc.Arbitrary<T | string> =>
  fc.oneof({ weight, arbitrary: specific }, { weight: 1, arbitrary: text });

export const emails = mixed(fc.oneof(
  fc.emailAddress(),
  one([
    'plain', '@acme.nl', 'jane@', 'jane@@acme.nl', 'jane doe@acme.nl', 'jane@acme', 'jane@acme..nl', 'jane@.nl', '.jane@acme.nl',
    'jane@acme.nl\n', ' JANE@ACME.COM ', 'jane@-acme.nl', 'jos\u00e9@caf\u00e9.fr', 'jane@acme.nl,bob@acme.nl', '"jane"@acme.nl', 'jane@[127.0.0.1]',
    `${'j'.repeat(65)}@acme.nl`, `jane@${'a'.repeat(64)}.nl`, `jane@${'b'.repeat(250)}.nl`, 'jane\u0000@acme.nl', 'jane@acme.nl\u202e',
  ]),
));

export const phones = mixed(fc.oneof(
  one([
    '+31201234567', '0201234567', '020-123 45 67', '+1', '12', '+', '++31201234567', 'abc', '+31 20 123 4567 ext 9', '+999999999999999999',
    '\u0660\u0662\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667', '+31\u00002012', '(020) 123-4567', '+44 (0) 20 7946 0958', '0', '+0000000000', 'tel:+31201234567',
  ]),
  fc.string({ unit: fc.constantFrom(...'0123456789+ -()'), minLength: 0, maxLength: 45 }),
));

export const currencies = mixed(one(['EUR', 'eur', 'Eur', 'USD', 'JPY', 'KWD', 'CLF', 'XXX', 'XTS', 'XAU', 'EU', 'EURO', '€', ' EUR', 'EUR ', 'ZZZ', 'BTC', '123', 'E\u0301U']));

export const decimals = one([
  '0', '0.00', '1', '12500.00', '-1', '-0.01', '-0', '0.001', '12.345', '1e3', '1E-2', '.5', '5.', '+5', ' 12', '12 ', '12,50', '1,000.00', '0x10',
  'NaN', 'Infinity', '-Infinity', '', ' ', 'abc', '1.2.3', '\u0661\u0662', '999999999999999.99', '1000000000000000', '1000000000000000.01',
  '99999999999999999999999999999999', '0.0000000000000000000001', '00012', '12.', '١٢٣',
]);

export const dates = mixed(fc.oneof(
  one([
    '2027-06-30', '2027-02-29', '2028-02-29', '2027-02-30', '2027-13-01', '2027-00-10', '2027-06-31', '0000-01-01', '9999-12-31', '1969-12-31',
    '2027-6-3', '27-06-30', '2027/06/30', '30-06-2027', '2027-06-30T00:00:00Z', '+02027-06-30', '2027-W26', 'today', '',
  ]),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
));

export const dateTimes = one(['2027-06-30T12:00:00Z', '2027-06-30', 'yesterday', '2027-02-30T00:00:00Z', '1970-01-01T00:00:00.000Z', '275760-09-13T00:00:00Z', '']);

export const domains = mixed(one([
  'acme.nl', 'https://www.Acme.nl/about', 'ACME.NL', 'localhost', '127.0.0.1', '[::1]', '-acme.nl', 'acme-.nl', 'acme..nl', '.nl', 'nl',
  `${'a'.repeat(64)}.nl`, `${'a.'.repeat(130)}nl`, 'xn--', 'xn--mnchen-3ya.de', 'münchen.de', 'acme.nl:8080', 'mailto:jane@acme.nl', 'http://', 'acme nl',
]));

export const urls = mixed(one([
  'https://127.0.0.1/hook', 'http://localhost:3000/x', 'https://10.0.0.1/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x',
  'http://192.168.1.10/x', 'ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'https://', 'https:///x', 'not a url', '//example.com',
  `https://example.com/${'p'.repeat(3000)}`, 'https://user:pass@127.0.0.1/x', 'https://0x7f000001/', 'https://2130706433/', 'https://[::ffff:127.0.0.1]/',
]));

/** Revisions and other Ints: negative, off by one, the edges of a 32-bit Int (beyond them GraphQL refuses). */
export const ints = one([-2147483648, -1, 0, 1, 2, 3, 7, 100, 101, 2147483647]);

export const probabilities = one([-1, 0, 1, 50, 99, 100, 101, 1000, -2147483648, 2147483647]);

/** Stage keys: the known ones in every pipeline, and ones no pipeline has or that break the key rules. */
export const stageKeys = (known: readonly string[]): fc.Arbitrary<string> =>
  mixed(fc.oneof(one(known), one(['prospecting', 'CLOSED', 'WON', 'Prospecting', 'PROSPECTING ', 'STAGE-1', 'ÉTAPE', 'A'.repeat(41), 'A'.repeat(40), '_', '0'])), 4);

export const eventTypeNames = mixed(one(['LeadCaptured', 'OpportunityWon', 'leadcaptured', 'NoSuchEvent', '*', 'PersonErased', 'Lead*']));

export const projectionNames = mixed(one(['leads', 'pipeline', 'no_such_projection', 'leads_v1', 'LEADS', '../leads', 'accounts ']), 6);
