import {
  leadDecider, leadStream, type DisqualificationReason, type LeadCommand, type LeadEvent, type LeadSource, type LeadState,
} from '@crm/domain';
import { newPerson } from './seed-people';
import type { Organisation } from './seed-organisations';
import type { SeedWorld } from './seed-world';
import { DISQUALIFICATION_NOTES, EVENTS, MANAGERS, REPS } from './seed-vocabulary';
import { StoryLog } from './story-log';
import { StreamCursor, type SeedContext } from './stream-cursor';

export type LeadCursor = StreamCursor<LeadCommand, LeadEvent, LeadState>;

/** Where a lead comes from, how often, and how much likelier than average it is to qualify. */
const SOURCES: { readonly [S in LeadSource]: { weight: number; quality: number } } = {
  WEB_FORM: { weight: 30, quality: 1 },
  EVENT: { weight: 12, quality: 1.1 },
  LINKEDIN: { weight: 18, quality: 0.9 },
  REFERRAL: { weight: 10, quality: 1.7 },
  IMPORT: { weight: 12, quality: 0.55 },
  OUTBOUND: { weight: 15, quality: 0.8 },
  OTHER: { weight: 3, quality: 0.9 },
};

/** Outcome of a lead, before time runs out: ~55% worked, ~30% qualified, ~20% disqualified. */
const PATHS = { NEW_ONLY: 38, NEW_DISQUALIFIED: 6, NEW_QUALIFIED: 3, WORKED: 15, WORKED_DISQUALIFIED: 12, WORKED_QUALIFIED: 30 };
type Path = keyof typeof PATHS;

export interface LeadStory {
  story: StoryLog;
  lead: LeadCursor;
  organisation: Organisation;
  index: number;
  /** Business time of the last step; the story stops where this reaches the world's end. */
  at: number;
  owner: string;
}

const sourceDetail = (world: SeedWorld, source: LeadSource): string | null => {
  const r = world.random;
  const details: { readonly [S in LeadSource]: () => string | null } = {
    WEB_FORM: () => r.pick(['Demo-aanvraag', 'Whitepaper: grip op je pipeline', 'Contactformulier', 'Prijzenpagina']),
    EVENT: () => r.pick(EVENTS),
    LINKEDIN: () => r.pick(['Sales Navigator', 'InMail campagne', 'Reactie op post']),
    REFERRAL: () => `Via ${world.fakers.nl.person.fullName()}`,
    IMPORT: () => r.pick(['Beurslijst', 'Partnerlijst Q1', 'Oude CRM-export']),
    OUTBOUND: () => r.pick(['Koude acquisitie', 'Belcampagne zorg', 'Mailcampagne overheid']),
    OTHER: () => null,
  };
  return details[source]();
};

/** Captures the lead at a time spread over the period, slightly more recent than old (a growing business). */
export const captureLead = (world: SeedWorld, index: number): LeadStory => {
  const r = world.random;
  const organisation = world.organisationForLead();
  const person = newPerson(r, world.fakers, organisation);
  const source = r.weighted(Object.fromEntries(Object.entries(SOURCES).map(([s, v]) => [s, v.weight])) as Record<LeadSource, number>);
  const owner = r.pick(REPS);
  const preassigned = source !== 'WEB_FORM' && source !== 'IMPORT' ? true : r.chance(0.4);
  const moment = world.start + (world.end - world.start) * r.next() ** 0.85;
  // Web forms arrive around the clock; people capture leads in office hours.
  const at = source === 'WEB_FORM' ? moment : Math.min(world.workingTime(moment), world.end - 1);
  const actor = source === 'WEB_FORM' ? 'web-form' : source === 'IMPORT' ? 'import' : owner;
  const leadId = world.id(at, 'lead', index);
  const story = new StoryLog(world.personalData);
  const lead: LeadCursor = new StreamCursor(leadStream(leadId), leadDecider);
  const data = {
    leadId, subjectId: world.subjectOfLead(index), ...person, companyName: organisation.name, companyDomain: organisation.domain,
    source, sourceDetail: sourceDetail(world, source), ownerId: preassigned ? owner : null,
  };
  lead.decide(story, context(world, index, 'capture', actor, at), at, (metadata) => ({ type: 'CaptureLead', data, metadata }));
  return { story, lead, organisation, index, at, owner };
};

/** `at`: the step's business time, which its command id (and so its event ids) carries. */
export const context = (world: SeedWorld, index: number, step: string, actor: string, at: number): SeedContext => ({
  actor,
  commandId: world.id(at, 'lead', index, step),
});

/** Runs `step` at `at` plus a delay if that is still before the end of the seeded period. */
export const later = (world: SeedWorld, s: LeadStory, delay: number, step: (at: number) => void): boolean => {
  const at = world.workingTime(s.at + delay);
  if (at >= world.end) return false;
  s.at = at;
  step(at);
  return true;
};

const leadCommand = (s: LeadStory, world: SeedWorld, name: string, actor: string, command: Omit<LeadCommand, 'metadata'>) =>
  (at: number) => s.lead.decide(s.story, context(world, s.index, name, actor, at), at, (metadata) => ({ ...command, metadata }) as LeadCommand);

export const leadId = (s: LeadStory): string => (s.lead.state.status === 'Unknown' ? '' : s.lead.state.leadId);

/** Assignment by a manager, working, qualifying or disqualifying: the lead's own funnel. */
export const workLead = (world: SeedWorld, s: LeadStory): 'QUALIFIED' | 'DISQUALIFIED' | 'OPEN' => {
  const r = world.random;
  const id = leadId(s);
  const source = s.lead.state.status === 'Unknown' ? 'OTHER' : s.lead.state.source;
  if (s.lead.state.status !== 'Unknown' && s.lead.state.ownerId === null) {
    if (!later(world, s, r.hours(1, 48), leadCommand(s, world, 'assign', r.pick(MANAGERS), { type: 'AssignLead', data: { leadId: id, ownerId: s.owner } }))) return 'OPEN';
  }
  const weights = { ...PATHS, NEW_QUALIFIED: PATHS.NEW_QUALIFIED * SOURCES[source].quality, WORKED_QUALIFIED: PATHS.WORKED_QUALIFIED * SOURCES[source].quality };
  const path: Path = r.weighted(weights);
  if (path === 'NEW_ONLY') return 'OPEN';
  if (path.startsWith('WORKED')) {
    if (!later(world, s, r.hours(1, 96), leadCommand(s, world, 'start-working', s.owner, { type: 'StartWorkingLead', data: { leadId: id } }))) return 'OPEN';
    if (r.chance(0.1)) updateDetails(world, s);
  }
  if (path === 'WORKED') return 'OPEN';
  if (path.endsWith('DISQUALIFIED')) return disqualify(world, s, 'disqualify', path === 'NEW_DISQUALIFIED');
  return later(world, s, r.days(1, 30), leadCommand(s, world, 'qualify', s.owner, { type: 'QualifyLead', data: { leadId: id } })) ? 'QUALIFIED' : 'OPEN';
};

const updateDetails = (world: SeedWorld, s: LeadStory): void => {
  const title = world.random.pick(['Hoofd Inkoop', 'Manager Operations', 'Directeur', 'Head of Procurement']);
  later(world, s, world.random.hours(1, 72), leadCommand(s, world, 'update-details', s.owner, { type: 'UpdateLeadDetails', data: { leadId: leadId(s), jobTitle: title } }));
};

export const disqualify = (world: SeedWorld, s: LeadStory, step: string, fromNew: boolean): 'DISQUALIFIED' | 'OPEN' => {
  const r = world.random;
  const reason: DisqualificationReason = fromNew
    ? r.weighted({ DUPLICATE: 40, INVALID_DATA: 30, NO_NEED: 20, OTHER: 10 })
    : r.weighted({ NO_BUDGET: 22, NO_NEED: 20, NO_AUTHORITY: 10, BAD_TIMING: 18, LOST_TO_COMPETITOR: 10, UNRESPONSIVE: 20 });
  const notes = r.chance(0.6) ? r.pick(DISQUALIFICATION_NOTES[reason]) : null;
  const command = { type: 'DisqualifyLead' as const, data: { leadId: leadId(s), reason, notes } };
  return later(world, s, r.days(fromNew ? 0.1 : 2, fromNew ? 3 : 45), leadCommand(s, world, step, s.owner, command)) ? 'DISQUALIFIED' : 'OPEN';
};

/** Some leads put on hold come back months later and get a second chance. */
export const maybeReopen = (world: SeedWorld, s: LeadStory): 'QUALIFIED' | 'OPEN' | 'DISQUALIFIED' => {
  const r = world.random;
  const state = s.lead.state;
  const comesBack = state.status === 'DISQUALIFIED' && ['BAD_TIMING', 'NO_BUDGET', 'UNRESPONSIVE'].includes(state.disqualification.reason);
  if (!comesBack || !r.chance(0.25)) return 'DISQUALIFIED';
  if (!later(world, s, r.days(30, 120), leadCommand(s, world, 'reopen', s.owner, { type: 'ReopenLead', data: { leadId: leadId(s) } }))) return 'DISQUALIFIED';
  if (!r.chance(0.45)) return 'OPEN';
  return later(world, s, r.days(3, 30), leadCommand(s, world, 'requalify', s.owner, { type: 'QualifyLead', data: { leadId: leadId(s) } })) ? 'QUALIFIED' : 'OPEN';
};

