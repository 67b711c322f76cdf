import { deterministicUuid } from '@crm/application';
import { post, type FuzzTarget } from './fuzz-target';

export type EntityKind = 'lead' | 'account' | 'contact' | 'opportunity' | 'pipeline';

/** What the fuzzer knows exists before it starts: ids of every kind in every state, stage keys, used commandIds. */
export interface FuzzWorld {
  ids: Record<EntityKind, string[]>;
  stageKeys: string[];
  /** commandIds already carried out: sent again with another input, a CONFLICT (IDEMPOTENCY_KEY_REUSED). */
  commandIds: string[];
}

/** Fixed ids, so a replayed seed sends the same ids to a world made the same way. */
const id = (...parts: string[]): string => deterministicUuid('6f1c1b1e-0000-4000-8000-00000000f022', ...parts);

const RENEWALS = {
  id: id('pipeline', 'renewals'),
  name: 'Renewals',
  stages: [
    { key: 'RENEWAL_DUE', name: 'Renewal due', probability: 60, kind: 'OPEN', forecastCategory: 'PIPELINE' },
    { key: 'RENEWED', name: 'Renewed', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
    { key: 'CHURNED', name: 'Churned', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
  ],
};

const lead = (name: string) => ({ id: id('lead', name), commandId: id('lead-command', name), firstName: 'Fuzz', lastName: name, email: `${name}@fuzz.example.nl`, companyName: `${name} B.V.`, source: 'WEB_FORM' });

/** Builds the world through the API as an admin; each step must succeed. */
export const buildFuzzWorld = async (target: FuzzTarget): Promise<FuzzWorld> => {
  const token = await target.token('admin');
  const run = async (mutation: string, type: string, input: Record<string, unknown>): Promise<void> => {
    const answer = await post(target.url, JSON.stringify({ query: `mutation ($input: ${type}!) { ${mutation}(input: $input) { __typename } }`, variables: { input } }), token);
    if (answer.status !== 200 || answer.body?.errors) throw new Error(`The fuzz world's ${mutation} failed: ${answer.text.slice(0, 1000)}`);
  };
  const leads = ['new', 'working', 'qualified', 'disqualified', 'converted', 'erased'].map(lead);
  for (const input of leads) await run('captureLead', 'CaptureLeadInput', input);
  const [, working, qualified, disqualified, converted, erased] = leads.map((input) => input.id);
  await run('startWorkingLead', 'LeadRefInput', { leadId: working });
  for (const leadId of [qualified, converted]) await run('qualifyLead', 'LeadRefInput', { leadId });
  await run('disqualifyLead', 'DisqualifyLeadInput', { leadId: disqualified, reason: 'NO_BUDGET' });
  const accounts = [id('account', 'a'), id('account', 'b'), id('account', 'converted')];
  await run('registerAccount', 'RegisterAccountInput', { id: accounts[0], name: 'Fuzz Alpha B.V.', kind: 'COMPANY' });
  await run('registerAccount', 'RegisterAccountInput', { id: accounts[1], name: 'Fuzz Beta', kind: 'FOUNDATION', parentAccountId: accounts[0] });
  const convertCommand = id('convert-command');
  await run('convertLead', 'ConvertLeadInput', { leadId: converted, commandId: convertCommand, opportunity: { amount: '1000.00', currency: 'EUR' } });
  await run('erasePerson', 'ErasePersonInput', { leadId: erased, reason: 'DATA_SUBJECT_REQUEST' });
  const contacts = [id('contact', 'active'), id('contact', 'left')];
  for (const contactId of contacts) await run('addContact', 'AddContactInput', { id: contactId, accountId: accounts[0], firstName: 'Fuzz', lastName: 'Contact', email: `${contactId.slice(0, 8)}@fuzz.example.nl`, relationship: 'EMPLOYEE' });
  await run('markContactLeft', 'MarkContactLeftInput', { contactId: contacts[1] });
  await run('definePipeline', 'DefinePipelineInput', RENEWALS);
  const archived = id('pipeline', 'archived');
  await run('definePipeline', 'DefinePipelineInput', { ...RENEWALS, id: archived, name: 'Archived' });
  await run('archivePipeline', 'ArchivePipelineInput', { pipelineId: archived });
  const opportunities = ['open', 'won', 'lost', 'renewal'].map((name) => id('opportunity', name));
  const deal = { accountId: accounts[0], amount: '2500.00', currency: 'EUR', expectedCloseDate: '2027-06-30' };
  for (const [index, opportunityId] of opportunities.entries()) {
    await run('openOpportunity', 'OpenOpportunityInput', { ...deal, id: opportunityId, name: `Fuzz deal ${index}`, ...(index === 3 ? { pipelineId: RENEWALS.id } : {}) });
  }
  await run('winOpportunity', 'OpportunityRefInput', { opportunityId: opportunities[1] });
  await run('loseOpportunity', 'LoseOpportunityInput', { opportunityId: opportunities[2], reason: 'PRICE' });
  return {
    ids: { lead: leads.map((input) => input.id), account: accounts, contact: contacts, opportunity: opportunities, pipeline: [RENEWALS.id, archived, '00000000-0000-4000-8000-000000000001'] },
    stageKeys: ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST', ...RENEWALS.stages.map((stage) => stage.key)],
    commandIds: [...leads.map((input) => input.commandId), convertCommand],
  };
};
