import type { Faker, LocaleDefinition } from '@faker-js/faker';
import type { Country } from './seed-places';

export type Fakers = { readonly [C in Country]: Faker };

/**
 * One faker per country, each seeded from the run's seed. Faker is deterministic for a given seed and
 * sequence of calls, and all calls happen in one fixed order, so the same seed gives the same people.
 */
export const seededFakers = (seed: number): Fakers => {
  // Required here rather than imported: every process that loads this library (both threads of the
  // server, every CLI command) would otherwise load all of faker's locales, ~90 ms and ~40 MB each,
  // for a seed that most of them never run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { base, de, en, en_GB, Faker, fr, fr_BE, nl, nl_BE } = require('@faker-js/faker') as typeof import('@faker-js/faker');
  const make = (locale: LocaleDefinition[], offset: number): Faker => {
    const faker = new Faker({ locale });
    faker.seed(seed + offset);
    return faker;
  };
  return {
    nl: make([nl, en, base], 1),
    be: make([nl_BE, fr_BE, nl, en, base], 2),
    de: make([de, en, base], 3),
    fr: make([fr, en, base], 4),
    gb: make([en_GB, en, base], 5),
  };
};
