import { Phone, type Seniority } from '@crm/domain';
import type { Fakers } from './seed-fakers';
import type { Organisation } from './seed-organisations';
import { slug, type Country } from './seed-places';
import type { SeededRandom } from './seeded-random';
import { JOB_TITLES } from './seed-vocabulary';

export interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  seniority: Seniority | null;
}

/** Mobile number ranges that are valid in each country's numbering plan. */
const mobile = (random: SeededRandom, country: Country): string => {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  switch (country) {
    case 'nl':
      return random.chance(0.8) ? `+316${random.int(1, 5)}${digits(7)}` : `+3120${random.int(1, 9)}${digits(6)}`;
    case 'be':
      return `+3247${digits(7)}`;
    case 'de':
      return `+49151${random.int(1, 9)}${digits(7)}`;
    case 'fr':
      return `+336${random.int(10, 38)}${digits(6)}`;
    default:
      return `+447${random.pick(['81', '97'])}${digits(7)}`;
  }
};

/** A generated number is checked once more so that a rare gap in a range cannot stop the seed. */
const validPhone = (raw: string): string | null => {
  try {
    return Phone.parse(raw);
  } catch {
    return null;
  }
};

const emailOf = (random: SeededRandom, firstName: string, lastName: string, domain: string | null): string => {
  const first = slug(firstName);
  const last = slug(lastName);
  const local = random.pick([`${first}.${last}`, `${first[0]}.${last}`, `${first}`, `${first}${last}`]) || 'info';
  return `${local}@${domain ?? random.pick(['gmail.com', 'outlook.com', 'hotmail.com', 'ziggo.nl', 'kpnmail.nl'])}`;
};

/** A plausible person at the organisation: name from its country, work e-mail at its domain, a valid phone. */
export const newPerson = (random: SeededRandom, fakers: Fakers, organisation: Organisation): Person => {
  const faker = fakers[organisation.country];
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const titles = organisation.country === 'nl' || organisation.country === 'be' ? JOB_TITLES.nl : JOB_TITLES.en;
  const [jobTitle, seniority] = random.pick(titles);
  const hasEmail = random.chance(0.9);
  const phone = !hasEmail || random.chance(0.65) ? validPhone(mobile(random, organisation.country)) : null;
  const email = hasEmail || phone === null ? emailOf(random, firstName, lastName, organisation.domain) : null;
  const knowsTitle = random.chance(0.85);
  return {
    firstName,
    lastName,
    email,
    phone,
    jobTitle: knowsTitle ? jobTitle : null,
    seniority: knowsTitle && random.chance(0.9) ? seniority : null,
  };
};
