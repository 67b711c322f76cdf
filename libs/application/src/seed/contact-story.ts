import { contactDecider, contactStream, type ContactRelationship } from '@crm/domain';
import type { Conversion, ContactCursor } from './conversion-story';
import { context, later, type LeadStory } from './lead-story';
import { newPerson } from './seed-people';
import { MAX_COLLEAGUES, type SeedWorld } from './seed-world';
import { StreamCursor } from './stream-cursor';

/**
 * More people at a newly won-over account, so that not every account is single-threaded: about half
 * get one to three colleagues of the converted lead as contacts in the weeks after the conversion.
 */
export const addColleagues = (world: SeedWorld, s: LeadStory, conversion: Conversion): ContactCursor[] => {
  const r = world.random;
  const { account } = conversion;
  if (!conversion.newAccount || account.state.status === 'Unknown' || !r.chance(0.5)) return [];
  const accountId = account.state.accountId;
  const colleagues: ContactCursor[] = [];
  const count = r.int(1, MAX_COLLEAGUES);
  for (let k = 0; k < count; k++) {
    const person = newPerson(r, world.fakers, s.organisation);
    const contactId = world.id(s.at, 'lead', s.index, 'colleague', k);
    const relationship: ContactRelationship = r.weighted({ EMPLOYEE: 80, OWNER: 6, FREELANCER: 9, ADVISOR: 5 });
    const { firstName, lastName, email, phone, jobTitle } = person;
    const contact: ContactCursor = new StreamCursor(contactStream(contactId), contactDecider);
    const added = later(world, s, r.days(0.5, 20), (at) =>
      contact.decide(s.story, context(world, s.index, `colleague-${k}`, s.owner, at), at, (metadata) => ({
        type: 'AddContact',
        data: { contactId, subjectId: world.subjectOfColleague(s.index, k), accountId, accountExists: true, firstName, lastName, email, phone, jobTitle, relationship },
        metadata,
      })));
    if (!added) break;
    colleagues.push(contact);
  }
  return colleagues;
};

/** People change jobs: some contacts leave, a few turn up at another customer. */
export const changeJobs = (world: SeedWorld, s: LeadStory, contacts: readonly ContactCursor[]): void => {
  const r = world.random;
  contacts.forEach((contact, k) => {
    if (contact.state.status !== 'ACTIVE') return;
    const { contactId, accountId } = contact.state;
    const at = world.workingTime(s.at + r.days(20, 240));
    const roll = r.next();
    if (at >= world.end || roll >= 0.12) return;
    const ctx = context(world, s.index, `contact-${k}-job-change`, s.owner, at);
    const target = roll < 0.05 ? world.otherAccountAt(at, accountId) : null;
    if (target && target.state.status !== 'Unknown') {
      s.story.share(target.streamName);
      const toAccountId = target.state.accountId;
      contact.decide(s.story, ctx, at, (metadata) => ({
        type: 'MoveContact', data: { contactId, toAccountId, toAccountExists: true, jobTitle: r.pick(['Inkoper', 'Manager ICT', 'Adviseur']) }, metadata,
      }));
      return;
    }
    contact.decide(s.story, ctx, at, (metadata) => ({ type: 'MarkContactLeft', data: { contactId }, metadata }));
  });
};
