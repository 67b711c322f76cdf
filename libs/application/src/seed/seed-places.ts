/** Real place names, so demo data reads like a European customer base (the organisations are invented). */
export const PLACES = {
  nl: [
    'Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda', 'Nijmegen',
    'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort', 'Zaanstad', 'Den Bosch', 'Haarlemmermeer', 'Zwolle',
    'Zoetermeer', 'Leiden', 'Maastricht', 'Dordrecht', 'Ede', 'Alkmaar', 'Delft', 'Venlo', 'Deventer', 'Leeuwarden',
    'Helmond', 'Hilversum', 'Heerlen', 'Oss', 'Emmen', 'Purmerend', 'Gouda', 'Assen', 'Veenendaal', 'Middelburg', 'Hoorn',
  ],
  be: ['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Kortrijk', 'Aalst', 'Brussel', 'Luik', 'Namen'],
  de: ['Berlin', 'Hamburg', 'München', 'Köln', 'Düsseldorf', 'Frankfurt', 'Stuttgart', 'Dortmund', 'Essen', 'Aachen', 'Münster'],
  fr: ['Paris', 'Lyon', 'Lille', 'Marseille', 'Toulouse', 'Nantes', 'Strasbourg', 'Bordeaux', 'Rennes', 'Montpellier'],
  gb: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Bristol', 'Glasgow', 'Edinburgh', 'Cambridge', 'Oxford', 'Liverpool'],
} as const;

export type Country = keyof typeof PLACES;

export const PROVINCES = [
  'Groningen', 'Friesland', 'Drenthe', 'Overijssel', 'Flevoland', 'Gelderland', 'Utrecht', 'Noord-Holland', 'Zuid-Holland',
  'Zeeland', 'Noord-Brabant', 'Limburg',
];

export const WATER_BOARDS = [
  'Hoogheemraadschap van Rijnland', 'Waterschap Aa en Maas', 'Waterschap Rivierenland', 'Wetterskip Fryslân',
  'Waterschap Vallei en Veluwe', 'Hoogheemraadschap Hollands Noorderkwartier', 'Waterschap Limburg', 'Waterschap Scheldestromen',
];

export const MINISTRIES = [
  'Ministerie van Infrastructuur en Waterstaat', 'Ministerie van Financiën', 'Ministerie van Onderwijs, Cultuur en Wetenschap',
  'Ministerie van Volksgezondheid, Welzijn en Sport', 'Ministerie van Economische Zaken',
];

export const TLD: { readonly [C in Country]: string } = { nl: 'nl', be: 'be', de: 'de', fr: 'fr', gb: 'co.uk' };

/** Country mix of the demo customer base: mostly Dutch, with the neighbours. */
export const COUNTRY_WEIGHTS: { readonly [C in Country]: number } = { nl: 68, be: 12, de: 10, fr: 5, gb: 5 };

/** Lowercase ASCII for e-mail addresses and domains: "Jeroen van 't Hof" -> "jeroenvanthof". */
export const slug = (text: string, separator = ''): string => {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.join(separator);
};
