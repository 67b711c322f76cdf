import type { AccountKind } from '@crm/domain';
import type { Fakers } from './seed-fakers';
import { COUNTRY_WEIGHTS, MINISTRIES, PLACES, PROVINCES, slug, TLD, WATER_BOARDS, type Country } from './seed-places';
import type { SeededRandom } from './seeded-random';
import { FOUNDATION_INDUSTRIES, INDUSTRIES, LEGAL_FORMS } from './seed-vocabulary';

/** An organisation leads work at; it becomes an account when its first lead converts. */
export interface Organisation {
  name: string;
  kind: AccountKind;
  country: Country;
  domain: string | null;
  industry: string;
  registrationNumber: string;
  /** Set once an account was registered for it, with the business time of that registration. */
  account?: { accountId: string; registeredAt: number };
}

const language = (country: Country): 'nl' | 'de' | 'fr' | 'en' =>
  country === 'nl' || country === 'be' ? 'nl' : country === 'gb' ? 'en' : country;

const registrationNumber = (random: SeededRandom, country: Country): string => {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  if (country === 'nl') return `KvK ${random.int(1, 9)}${digits(7)}`;
  if (country === 'be') return `0${random.int(2, 9)}${digits(2)}.${digits(3)}.${digits(3)}`;
  if (country === 'de') return `HRB ${random.int(1000, 99999)}`;
  if (country === 'fr') return `SIREN ${random.int(1, 9)}${digits(8)}`;
  return `${random.int(1, 9)}${digits(7)}`;
};

const companyName = (random: SeededRandom, fakers: Fakers, country: Country, trade: string): string => {
  const faker = fakers[country];
  const form = random.pick(LEGAL_FORMS[country]);
  const lastName = faker.person.lastName();
  switch (random.int(0, 3)) {
    case 0:
      return `${lastName} ${trade} ${form}`;
    case 1:
      return `${lastName} & ${faker.person.lastName()} ${form}`;
    case 2:
      return `${trade} ${random.pick(PLACES[country])} ${form}`;
    default:
      return `${faker.company.name()} ${form}`;
  }
};

const governmentName = (random: SeededRandom, country: Country): string => {
  const place = random.pick(PLACES[country]);
  if (country === 'nl') {
    const roll = random.int(0, 9);
    if (roll < 6) return `Gemeente ${place}`;
    if (roll < 8) return `Provincie ${random.pick(PROVINCES)}`;
    return roll < 9 ? random.pick(WATER_BOARDS) : random.pick(MINISTRIES);
  }
  return { be: `Stad ${place}`, de: `Stadt ${place}`, fr: `Ville de ${place}`, gb: `${place} City Council` }[country];
};

const foundationName = (random: SeededRandom, fakers: Fakers, country: Country): string => {
  const place = random.pick(PLACES[country]);
  const options: { readonly [C in Country]: readonly string[] } = {
    nl: [`Stichting Zorggroep ${place}`, `Stichting Onderwijsgroep ${place}`, `Woonstichting ${fakers.nl.person.lastName()}`, `Stichting Museum ${place}`],
    be: [`vzw Zorgnet ${place}`, `Stichting ${fakers.be.person.lastName()}`],
    de: [`Stiftung ${fakers.de.person.lastName()}`, `Bürgerstiftung ${place}`],
    fr: [`Fondation ${fakers.fr.person.lastName()}`, `Association ${place} Solidarité`],
    gb: [`${place} Community Trust`, `The ${fakers.gb.person.lastName()} Foundation`],
  };
  return random.pick(options[country]);
};

/** Legal forms are not part of a web address: "Groen Kwekerijen B.V." lives at groen-kwekerijen.nl. */
const LEGAL_FORM_SUFFIX = /\s+(B\.V\.|N\.V\.|V\.O\.F\.|BV|NV|SRL|GmbH & Co\. KG|GmbH|AG|SAS|SARL|SA|Ltd|plc|LLP)$/;

/** A new organisation: mostly Dutch companies, some foundations and public bodies, and the neighbours. */
export const newOrganisation = (random: SeededRandom, fakers: Fakers): Organisation => {
  const country = random.weighted(COUNTRY_WEIGHTS);
  const kind = random.weighted({ COMPANY: 80, FOUNDATION: 10, GOVERNMENT: 10 });
  const trade = random.pick(INDUSTRIES);
  let name: string;
  let industry: string;
  if (kind === 'COMPANY') {
    name = companyName(random, fakers, country, trade[language(country)]);
    industry = trade.industry;
  } else if (kind === 'FOUNDATION') {
    name = foundationName(random, fakers, country);
    industry = random.pick(FOUNDATION_INDUSTRIES);
  } else {
    name = governmentName(random, country);
    industry = 'Public administration';
  }
  const domainName = slug(name.replace(LEGAL_FORM_SUFFIX, ''), '-');
  const domain = random.chance(0.92) && domainName ? `${domainName.slice(0, 60).replace(/-+$/, '')}.${TLD[country]}` : null;
  return { name, kind, country, domain, industry, registrationNumber: registrationNumber(random, country) };
};
