import { randomUUID } from 'node:crypto';

/** One request of the mix: its operation's name and the body to POST. */
export interface SoakRequest {
  name: string;
  body: string;
  /** Called with the answer's data when it succeeded: the mix learns the ids it creates and frees what it held. */
  done(data: Record<string, any> | null): void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What the mix needs from the seeded data: open opportunities of the default pipeline, and words that find leads. */
export interface SoakSeed {
  opportunityIds: string[];
  searchWords: string[];
}

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id status } } }';
const QUALIFY = 'mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { lead { id status } } }';
const CONVERT = 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { lead { id status } account { id } opportunity { id stage } } }';
const STAGE = 'mutation ($input: ChangeOpportunityStageInput!) { changeOpportunityStage(input: $input) { opportunity { id stage probability } } }';
const PIPELINE = '{ pipeline { stages { stage probability count amounts { amount currency } weightedAmounts { amount currency } } } }';
const OPPORTUNITIES = '{ opportunities(filter: { status: [OPEN] }, orderBy: { field: AMOUNT, direction: DESC }, first: 20) { totalCount edges { cursor node { id name accountName amount { amount currency } stage expectedCloseDate } } } }';
const LEADS = '{ leads(filter: { status: [NEW, WORKING, QUALIFIED] }, orderBy: { field: CAPTURED_AT, direction: DESC }, first: 20) { totalCount edges { cursor node { id fullName companyName status source capturedAt } } } }';
const SEARCH = 'query ($q: String) { leads(filter: { search: $q }, first: 20) { totalCount edges { node { id fullName companyName status } } } }';
const LEAD = 'query ($id: ID!) { lead(id: $id) { id fullName email status companyName ownerId } }';
const OPEN_STAGES = ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'];

const body = (query: string, variables: Record<string, unknown> = {}): string => JSON.stringify({ query, variables });

/**
 * The soak's mixed load, as a sales team makes it: leads captured, qualified and converted (each
 * lead by one request at a time), opportunities moved between open stages (none held by two
 * requests at once, so no write meets a conflict), and the reads that go with them: the pipeline,
 * lists, search and a lead by id. Deterministic shares per 20 requests.
 */
export class SoakMix {
  private readonly captured: string[] = [];
  private readonly qualified: string[] = [];
  private readonly freeOpportunities: string[];
  private turn = 0;
  private sequence = 0;

  constructor(private readonly seed: SoakSeed) {
    this.freeOpportunities = [...seed.opportunityIds];
  }

  next(): SoakRequest {
    const slot = this.turn++ % 20;
    if (slot < 3) return this.capture();
    if (slot === 3 && this.captured.length > 0) return this.qualify(this.captured.shift()!);
    if (slot === 4 && this.qualified.length > 0) return this.convert(this.qualified.shift()!);
    if (slot < 8 && this.freeOpportunities.length > 0) return this.changeStage(this.freeOpportunities.shift()!);
    if (slot < 10) return this.read('pipeline', PIPELINE);
    if (slot < 13) return this.read('opportunities list', OPPORTUNITIES);
    if (slot < 16) return this.read('leads list', LEADS);
    if (slot < 18) return this.read('search', SEARCH, { q: this.seed.searchWords[this.turn % this.seed.searchWords.length] });
    return this.leadById();
  }

  private capture(): SoakRequest {
    const n = this.sequence++;
    const input = { firstName: 'Soak', lastName: `Lead ${n}`, email: `soak-${n}-${randomUUID().slice(0, 8)}@example.nl`, companyName: `Soak ${n % 500} B.V.`, source: 'WEB_FORM' };
    return { name: 'captureLead', body: body(CAPTURE, { input }), done: (data) => data && this.captured.push(data.captureLead.lead.id) };
  }

  private qualify(leadId: string): SoakRequest {
    return { name: 'qualifyLead', body: body(QUALIFY, { input: { leadId } }), done: (data) => data && this.qualified.push(leadId) };
  }

  private convert(leadId: string): SoakRequest {
    const opportunity = { amount: `${1000 + (this.turn % 9000)}.00`, currency: 'EUR', expectedCloseDate: '2027-06-30' };
    return {
      name: 'convertLead', body: body(CONVERT, { input: { leadId, opportunity } }),
      // A converted lead's opportunity joins the ones the mix moves between stages.
      done: (data) => data?.convertLead.opportunity && this.freeOpportunities.push(data.convertLead.opportunity.id),
    };
  }

  private changeStage(opportunityId: string): SoakRequest {
    const stage = OPEN_STAGES[this.turn % OPEN_STAGES.length];
    return { name: 'changeOpportunityStage', body: body(STAGE, { input: { opportunityId, stage } }), done: () => this.freeOpportunities.push(opportunityId) };
  }

  private leadById(): SoakRequest {
    const known = this.captured.length > 0 ? this.captured[this.turn % this.captured.length] : this.qualified[0];
    if (known === undefined) return this.read('pipeline', PIPELINE);
    return this.read('lead by id', LEAD, { id: known });
  }

  private read(name: string, query: string, variables: Record<string, unknown> = {}): SoakRequest {
    return { name, body: body(query, variables), done: () => undefined };
  }
}
