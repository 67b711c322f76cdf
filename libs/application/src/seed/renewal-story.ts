import { opportunityDecider, opportunityStream, type OpportunityCommand } from '@crm/domain';
import type { ContactCursor, OpportunityCursor } from './conversion-story';
import { context, later, type LeadStory } from './lead-story';
import { RENEWALS } from './seed-pipelines';
import type { SeedWorld } from './seed-world';
import { StreamCursor } from './stream-cursor';

const DAY = 24 * 3600_000;
/** Most won contracts come up for renewal; the rest were one-off purchases. */
const RENEWABLE = 0.7;

type Step = { type: OpportunityCommand['type']; data: Record<string, unknown> };

/**
 * A won deal's contract comes up for renewal a year on: a renewal opportunity in the Renewals
 * pipeline, opened a few weeks after the win, discussed months later, and renewed or churned if the
 * seeded period reaches that far (most do not: renewals are mostly still ahead). It keeps a time of
 * its own from the win, so the rest of the lead's story is told as before. The contact is its primary
 * contact when they were still at the account, unchanged since, when it was opened.
 */
export const renewContract = (world: SeedWorld, s: LeadStory, won: OpportunityCursor, contact: ContactCursor): void => {
  const r = world.random;
  if (won.state.status !== 'WON' || !r.chance(RENEWABLE)) return;
  const { accountId, amount, name } = won.state;
  const t: LeadStory = { ...s, at: won.lastAt };
  const opportunityId = world.id(t.at, 'lead', s.index, 'renewal');
  const renewal: OpportunityCursor = new StreamCursor(opportunityStream(opportunityId), opportunityDecider);
  let n = 0;
  const step = (min: number, max: number, command: Step): boolean =>
    later(world, t, r.days(min, max), (at) =>
      renewal.decide(s.story, context(world, s.index, `renewal-${n++}`, s.owner, at), at, (metadata) =>
        ({ ...command, data: { ...command.data, pipeline: RENEWALS }, metadata }) as OpportunityCommand, command.data));
  const factor = r.pick([0.9, 1, 1, 1.05, 1.1, 1.2]);
  const renewed = Math.max(1000, Math.round((Number(amount.amountMinor) / 100) * factor / 50) * 50);
  const input = {
    opportunityId, accountId, pipelineId: RENEWALS.pipelineId, name: `Verlenging ${name}`.slice(0, 200),
    amount: `${renewed}.00`, currency: amount.currency, expectedCloseDate: new Date(won.lastAt + 365 * DAY).toISOString().slice(0, 10),
  };
  const opened = later(world, t, r.days(5, 30), (at) => {
    const primary = contact.state.status === 'ACTIVE' && contact.state.accountId === accountId && contact.lastAt <= at ? contact.state.contactId : null;
    const data = { ...input, primaryContactId: primary };
    renewal.decide(s.story, context(world, s.index, 'renewal-open', s.owner, at), at, (metadata) => ({
      type: 'OpenOpportunity', data: { ...data, accountExists: true, primaryContactAccountId: primary && accountId, pipeline: RENEWALS }, metadata,
    }), data);
  });
  if (!opened) return;
  if (!step(150, 300, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: 'IN_CONVERSATION' } })) return;
  if (r.chance(0.6) && !step(20, 60, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: 'COMMITTED' } })) return;
  if (r.chance(0.85)) step(10, 40, { type: 'WinOpportunity', data: { opportunityId } });
  else step(10, 40, { type: 'LoseOpportunity', data: { opportunityId, reason: r.pick(['NO_BUDGET', 'LOST_TO_COMPETITOR', 'PRODUCT_FIT']), competitor: null } });
};
