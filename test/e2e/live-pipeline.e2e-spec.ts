import { signToken } from '@crm/application';
import { SECRET, startServer, type RunningServer } from '../support/running-server';
import { liveClient, Received } from '../support/live-client';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }`;
const QUALIFY = `mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { revision } }`;
const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { opportunity { id } } }`;
const CHANGE_STAGE = `mutation ($input: ChangeOpportunityStageInput!) { changeOpportunityStage(input: $input) { revision } }`;
const STAGES = 'stages { stage count amounts { amount currency } }';
const PIPELINE_CHANGED = `subscription { pipelineChanged { ${STAGES} } }`;

interface Stage { stage: string; count: number; amounts: Array<{ amount: string; currency: string }> }
type Pushed = { pipelineChanged: { stages: Stage[] } };

const countAt = (stages: Stage[], stage: string): number => stages.find((s) => s.stage === stage)?.count ?? -1;

describe('pipelineChanged and the life of a socket, against the running process', () => {
  let server: RunningServer;
  let manager: string;
  beforeAll(async () => {
    // No clock tolerance: a socket closes when its token's exp passes.
    server = await startServer({ env: { CRM_JWT_CLOCK_TOLERANCE: '0' } });
    manager = await server.token('manager');
  });
  afterAll(async () => server.stop());

  const openDeal = async (): Promise<string> => {
    const lead = await server.gql<{ captureLead: { lead: { id: string } } }>(manager, CAPTURE, {
      input: { firstName: 'Noor', lastName: 'Bakker', email: 'noor@bakker-bouw.nl', companyName: 'Bakker Bouw', source: 'REFERRAL' },
    });
    const leadId = lead.data!.captureLead.lead.id;
    await server.gql(manager, QUALIFY, { input: { leadId } });
    const converted = await server.gql<{ convertLead: { opportunity: { id: string } } }>(manager, CONVERT, {
      input: { leadId, account: { kind: 'COMPANY' }, opportunity: { name: 'Steigers', amount: '12000.00', currency: 'EUR' } },
    });
    expect(converted.errors).toBeUndefined();
    return converted.data!.convertLead.opportunity.id;
  };

  it('gives the pipeline at once, then each change, at most once a second, ending on what the query answers', async () => {
    const { client } = liveClient(server.url, { Authorization: `Bearer ${manager}` });
    try {
      const pushes = new Received<Pushed>(client, PIPELINE_CHANGED);
      await pushes.until((items) => items.length === 1);
      expect(countAt(pushes.items[0].pipelineChanged.stages, 'PROSPECTING')).toBe(0);

      const opportunityId = await openDeal();
      const started = Date.now();
      await pushes.until((items) => countAt(items[items.length - 1].pipelineChanged.stages, 'PROSPECTING') === 1);
      // Three moves in quick succession: the watchers see where it ends, not every step.
      for (const stage of ['QUALIFICATION', 'PROPOSAL', 'NEGOTIATION']) await server.gql(manager, CHANGE_STAGE, { input: { opportunityId, stage } });
      await pushes.until((items) => countAt(items[items.length - 1].pipelineChanged.stages, 'NEGOTIATION') === 1);
      const elapsed = Date.now() - started;
      expect(pushes.items.length - 1).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 1);

      const now = await server.gql<{ pipeline: { stages: Stage[] } }>(manager, `{ pipeline { ${STAGES} } }`);
      expect(pushes.items[pushes.items.length - 1].pipelineChanged).toEqual(now.data!.pipeline);
      expect(pushes.errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('refuses an unknown pipeline as NOT_FOUND', async () => {
    const { client } = liveClient(server.url, { Authorization: `Bearer ${manager}` });
    try {
      const refused = new Received<Pushed>(client, `subscription { pipelineChanged(filter: { pipelineId: "0b7f4c8e-2a51-4d7a-9a35-3f0f6f5f6b10" }) { ${STAGES} } }`);
      await refused.until((_, errors) => errors.length > 0);
      expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    } finally {
      await client.dispose();
    }
  });

  it('closes a socket with 4401 when its token expires', async () => {
    const shortLived = await signToken({ sub: 'rep-short', roles: ['rep'] }, SECRET, 2);
    const { client, closed } = liveClient(server.url, { Authorization: `Bearer ${shortLived}` });
    const pushes = new Received<Pushed>(client, PIPELINE_CHANGED);
    // Accepted first (the pipeline was pushed), then closed when the token expired.
    await pushes.until((items) => items.length === 1);
    await expect(closed).resolves.toEqual({ code: 4401, reason: expect.stringContaining('expired') });
  });
});
