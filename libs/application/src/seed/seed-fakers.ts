import { base, de, en, en_GB, Faker, fr, fr_BE, nl, nl_BE, type LocaleDefinition } from '@faker-js/faker';
import type { Country } from './seed-places';

export type Fakers = { readonly [C in Country]: Faker };

/**
 * One faker per country, each seeded from the run's seed. Faker is deterministic for a given seed and
 * sequence of calls, and all calls happen in one fixed order, so the same seed gives the same people.
 */
export const seededFakers = (seed: number): Fakers => {
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
