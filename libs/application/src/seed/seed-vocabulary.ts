import type { Seniority } from '@crm/domain';
import type { Country } from './seed-places';

/** Industry, and the word a company of that trade puts in its name, per language. */
export const INDUSTRIES: readonly { industry: string; nl: string; de: string; fr: string; en: string }[] = [
  { industry: 'Logistics', nl: 'Logistiek', de: 'Logistik', fr: 'Logistique', en: 'Logistics' },
  { industry: 'Construction', nl: 'Bouw', de: 'Bau', fr: 'Construction', en: 'Construction' },
  { industry: 'Installation technology', nl: 'Installatietechniek', de: 'Haustechnik', fr: 'Installations', en: 'Building Services' },
  { industry: 'Food production', nl: 'Voedingsmiddelen', de: 'Lebensmittel', fr: 'Alimentaire', en: 'Foods' },
  { industry: 'Software', nl: 'Software', de: 'Software', fr: 'Logiciels', en: 'Software' },
  { industry: 'IT services', nl: 'ICT', de: 'IT-Service', fr: 'Informatique', en: 'IT Services' },
  { industry: 'Wholesale', nl: 'Groothandel', de: 'Großhandel', fr: 'Distribution', en: 'Wholesale' },
  { industry: 'Manufacturing', nl: 'Metaalbewerking', de: 'Maschinenbau', fr: 'Industrie', en: 'Engineering' },
  { industry: 'Accountancy', nl: 'Accountants', de: 'Steuerberatung', fr: 'Expertise Comptable', en: 'Accountants' },
  { industry: 'Consulting', nl: 'Advies', de: 'Beratung', fr: 'Conseil', en: 'Consulting' },
  { industry: 'Energy', nl: 'Energie', de: 'Energie', fr: 'Énergie', en: 'Energy' },
  { industry: 'Horticulture', nl: 'Kwekerijen', de: 'Gartenbau', fr: 'Horticulture', en: 'Nurseries' },
  { industry: 'Transport', nl: 'Transport', de: 'Spedition', fr: 'Transports', en: 'Haulage' },
  { industry: 'Retail', nl: 'Retail', de: 'Handel', fr: 'Commerce', en: 'Retail' },
];

export const LEGAL_FORMS: { readonly [C in Country]: readonly string[] } = {
  nl: ['B.V.', 'B.V.', 'B.V.', 'N.V.', 'V.O.F.'],
  be: ['BV', 'NV', 'BV', 'SRL'],
  de: ['GmbH', 'GmbH', 'AG', 'GmbH & Co. KG'],
  fr: ['SAS', 'SARL', 'SA'],
  gb: ['Ltd', 'Ltd', 'plc', 'LLP'],
};

export const FOUNDATION_INDUSTRIES = ['Healthcare', 'Education', 'Housing', 'Culture', 'Charity'];

/** Job titles and the seniority a rep would note for them. */
export const JOB_TITLES: { readonly [language in 'nl' | 'en']: readonly [string, Seniority][] } = {
  nl: [
    ['Algemeen directeur', 'C_LEVEL'], ['Financieel directeur', 'C_LEVEL'], ['Directeur-eigenaar', 'C_LEVEL'],
    ['Hoofd ICT', 'DIRECTOR'], ['Hoofd Inkoop', 'DIRECTOR'], ['Manager Operations', 'MANAGER'],
    ['Teamleider Verkoop binnendienst', 'MANAGER'], ['Inkoper', 'INDIVIDUAL_CONTRIBUTOR'],
    ['Medewerker klantenservice', 'INDIVIDUAL_CONTRIBUTOR'], ['Applicatiebeheerder', 'INDIVIDUAL_CONTRIBUTOR'],
    ['Office manager', 'MANAGER'], ['Projectleider', 'MANAGER'], ['Adviseur informatievoorziening', 'INDIVIDUAL_CONTRIBUTOR'],
  ],
  en: [
    ['Chief Executive Officer', 'C_LEVEL'], ['CFO', 'C_LEVEL'], ['VP Sales', 'VP'], ['VP Operations', 'VP'],
    ['Head of IT', 'DIRECTOR'], ['Procurement Director', 'DIRECTOR'], ['Sales Operations Manager', 'MANAGER'],
    ['Customer Success Manager', 'MANAGER'], ['Buyer', 'INDIVIDUAL_CONTRIBUTOR'], ['Business Analyst', 'INDIVIDUAL_CONTRIBUTOR'],
    ['IT Administrator', 'INDIVIDUAL_CONTRIBUTOR'],
  ],
};

export const PRODUCTS = [
  'CRM-licenties', 'Implementatie en migratie', 'Koppeling met ERP', 'Jaarcontract support', 'Training verkoopteam',
  'Uitbreiding gebruikers', 'Rapportagemodule', 'Klantportaal', 'Data-opschoning', 'Pilot marketingautomatisering',
];

export const COMPETITORS = ['Salesforce', 'HubSpot', 'Microsoft Dynamics 365', 'Pipedrive', 'Zoho', 'SAP', 'AFAS', 'Exact', 'Teamleader'];

/** The sales team: reps own leads and deals, managers reassign, systems capture. */
export const REPS = [
  'anna.devries', 'bram.jansen', 'chantal.bakker', 'daan.visser', 'eva.smit', 'fleur.meijer', 'gijs.mulder',
  'hanna.bos', 'ivo.peters', 'jasmijn.hendriks', 'koen.dekker', 'lotte.vandam', 'mehmet.yilmaz', 'noor.elamrani',
];
export const MANAGERS = ['sanne.kok', 'thomas.vanleeuwen'];

export const EVENTS = [
  'Dutch Tech Week', 'Vakbeurs Logistiek Gorinchem', 'CRM Summit Amsterdam', 'Infosecurity.nl', 'Hannover Messe',
  'Emerce eDay', 'Webinar: pipeline management', 'Klantendag Utrecht',
];

export const DISQUALIFICATION_NOTES: { readonly [reason: string]: readonly string[] } = {
  NO_BUDGET: ['Geen budget dit boekjaar', 'Budget pas volgend jaar beschikbaar'],
  NO_NEED: ['Tevreden met huidige oplossing', 'Geen behoefte aan CRM'],
  NO_AUTHORITY: ['Contactpersoon beslist niet, DMU onbekend'],
  BAD_TIMING: ['Reorganisatie loopt, na de zomer opnieuw benaderen', 'Eerst ERP-migratie afronden'],
  LOST_TO_COMPETITOR: ['Kiest voor bestaande leverancier'],
  UNRESPONSIVE: ['Drie keer gebeld en gemaild, geen reactie'],
  DUPLICATE: ['Dubbel met bestaande lead'],
  INVALID_DATA: ['Telefoonnummer en e-mail onjuist'],
  OTHER: ['Student, geen zakelijke interesse'],
};
