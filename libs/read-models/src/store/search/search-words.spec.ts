import { askedWords, foldText, storedWords } from './search-words';
import { documentWords, normalizeSearchFields } from './search-fields';

describe('search words', () => {
  it.each([
    ['Müller', 'muller'],
    ['ZOË', 'zoe'],
    ['İstanbul', 'istanbul'],
    ['Ångström', 'angstrom'],
    ['ﬁnance', 'finance'],
    ['ＡＣＭＥ', 'acme'],
    ['Łódź', 'lodz'],
    ['Øystein Straße', 'oystein strasse'],
    ['Ærø', 'aero'],
  ])('folds %p to %p', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it.each([
    ['Anne de Vries', ['anne', 'de', 'vries']],
    ['anne.de.vries@acme.nl', ['anne', 'de', 'vries', 'acme', 'nl']],
    ['anne-marie@acme-corp.nl', ['anne', 'marie', 'annemarie', 'acme', 'corp', 'acmecorp', 'nl']],
    ["O'Brien", ['o', 'brien', 'obrien']],
    ['D\u2019Arcy', ['d', 'arcy', 'darcy']],
    ['+31201234567', ['31201234567']],
    ['Acme B.V. -- (NL)', ['acme', 'b', 'v', 'nl']],
    ['', []],
  ])('cuts the stored text %p into %p', (text, words) => {
    expect(storedWords(text)).toEqual(words);
  });

  it.each([
    ['anne@acme', ['anne', 'acme']],
    ["o'brien", ['o', 'brien']],
    ['  Vries   VRIES vries ', ['vries']],
    ['@@ -- ..', []],
  ])('cuts the asked text %p into %p', (text, words) => {
    expect(askedWords(text)).toEqual(words);
  });

  it('gives each word the weight of the heaviest field holding it, and ignores values that are not text', () => {
    const spec = normalizeSearchFields({ email: 1, lastName: 2, 'company.name': 1, phone: 1 });
    const words = documentWords({ id: 'a', lastName: 'de Vries', email: 'vries@acme.nl', company: { name: 'Acme' }, phone: 31 }, spec);
    expect([...words]).toEqual([['de', 2], ['vries', 2], ['acme', 1], ['nl', 1]]);
  });
});
