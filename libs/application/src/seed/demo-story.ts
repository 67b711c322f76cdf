import { addColleagues, changeJobs } from './contact-story';
import { convertLead, tendAccount } from './conversion-story';
import { maybeThroughPartners, workDeal } from './deal-story';
import { captureLead, disqualify, maybeReopen, workLead } from './lead-story';
import type { SeedWorld } from './seed-world';
import { renewContract } from './renewal-story';
import type { StoryLog } from './story-log';

/**
 * One lead's life from capture on, and, if it converts, the customer that grows out of it: its deal
 * (in the Sales pipeline, or Partners when it comes through a reseller) and, once won, the renewal.
 * Decided in memory, in causal order; the result is the appends to make.
 */
export const tellStory = (world: SeedWorld, index: number): StoryLog => {
  const s = captureLead(world, index);
  let outcome = workLead(world, s);
  if (outcome === 'DISQUALIFIED') outcome = maybeReopen(world, s);
  if (outcome !== 'QUALIFIED') return s.story;
  const roll = world.random.next();
  if (roll >= 0.62) return s.story;
  if (roll >= 0.55) {
    disqualify(world, s, 'disqualify-qualified', false);
    return s.story;
  }
  const conversion = convertLead(world, s);
  if (!conversion) return s.story;
  tendAccount(world, s, conversion);
  const colleagues = addColleagues(world, s, conversion);
  if (conversion.opportunity) {
    maybeThroughPartners(world, s, conversion.opportunity);
    workDeal(world, s, conversion.opportunity, colleagues);
  }
  changeJobs(world, s, [conversion.contact, ...colleagues]);
  if (conversion.opportunity) renewContract(world, s, conversion.opportunity, conversion.contact);
  return s.story;
};
