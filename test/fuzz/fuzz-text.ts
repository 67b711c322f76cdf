import fc from 'fast-check';

/**
 * Strings that break a text field's rules while staying a GraphQL String: empty and blank, line
 * breaks and control characters, unicode that changes under normalisation or reads backwards, lone
 * surrogates, and markup or SQL that must come back as plain text or a typed refusal.
 */
const ODD_TEXT = [
  '', ' ', '   ', '\t', '\n', 'two\nlines', 'a\r\nb', '\u0000', 'nul\u0000inside', '\u0007bell', '\u001b[31mred', '\u007f',
  '\u200b', '\u200bzero\u200dwidth', '\u202eevil.exe', '\ufeffbom', '\ud800', 'x\udfff', 'e\u0301', '\u00e9', 'ﬁ', 'Ⅻ', '＠', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u0644\u0627\u0645', '日本語', 'Ω≈ç√∫', 'İstanbul', 'ǅ',
  "Robert'); DROP TABLE events;--", '" OR 1=1 --', '<script>alert(1)</script>', '${process.env.HOME}', '{{7*7}}', '%s%s%n',
  '__proto__', 'constructor', 'toString', 'null', 'undefined', 'NaN', '-0', '../../etc/passwd', 'C:\\Windows',
];

/** Longer than any field allows (200 names, 500 details, 2000 notes), well below the 100 kB request limit. */
const enormous = fc.constantFrom(201, 257, 501, 2_001, 8_000).chain((length) =>
  fc.constantFrom('x', 'é', '😀', ' ', '\u0000').map((unit) => unit.repeat(Math.ceil(length / unit.length))),
);

export const oddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: enormous },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
);

/** A name a person or a company could have: some inputs should pass, so the refusals are the fields'. */
export const plausibleName: fc.Arbitrary<string> = fc.constantFrom('Eva', 'Jansen', 'de Vries', 'Zoë', 'Ólafur', 'Acme B.V.', 'Stichting Noord', 'Gemeente Utrecht', 'Q4 renewal');

/** Text for a field: mostly odd, sometimes plausible. */
export const text: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: oddText }, { weight: 1, arbitrary: plausibleName });
