import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DEFAULT_PIPELINE_ID = '00000000-0000-4000-8000-000000000001';

const RENEWALS_STAGES = [
  { key: 'UP_FOR_RENEWAL', name: 'Up for renewal', probability: 40, kind: 'OPEN', forecastCategory: 'PIPELINE' },
  { key: 'QUOTED', name: 'Quoted', probability: 60, kind: 'OPEN', forecastCategory: 'BEST_CASE' },
  { key: 'VERBAL_YES', name: 'Verbal yes', probability: 90, kind: 'OPEN', forecastCategory: 'COMMIT' },
  { key: 'RENEWED', name: 'Renewed', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
  { key: 'CHURNED', name: 'Churned', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
  { key: 'DOWNGRADED', name: 'Downgraded', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
];

const DEFINITION = 'id name archived revision stages { key name probability kind forecastCategory }';
const DEAL = 'id stage stageName probability forecastCategory status weightedAmount { amount currency } pipeline { id name }';
const STAGES = 'pipeline { id name } stages { stage name kind forecastCategory probability count amounts { amount currency } weightedAmounts { amount currency } }';

/**
 * Several pipelines over HTTP, as a sales manager and a rep use them: a renewals pipeline with its own
 * stages, an opportunity walked through it, a revision that removes a stage in use and re-weights
 * another, archiving, and the default pipeline answering as it always did.
 */
describe('pipelines, over HTTP', () => {
  let server: RunningServer;
  let manager: string;
  let rep: string;
  let accountId: string;

  const gql = (token: string, query: string, variables: Data = {}) => server.gql<Data>(token, query, variables);
  const run = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await gql(token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const refusal = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await gql(token, query, variables);
    expect(result.errors).toHaveLength(1);
    return result.errors![0].extensions as Data;
  };
  const define = (stages: Data[], name = 'Renewals') =>
    run(manager, `mutation ($name: String!, $stages: [PipelineStageInput!]!) { definePipeline(input: { name: $name, stages: $stages }) { pipeline { ${DEFINITION} } revision } }`, { name, stages });
  const open = (pipelineId: string | null, amount = '1000.00', stage: string | null = null) =>
    run(rep, `mutation ($a: ID!, $p: ID, $amount: Decimal!, $stage: String) { openOpportunity(input: { accountId: $a, pipelineId: $p, name: "Support contract",
      amount: $amount, currency: "EUR", expectedCloseDate: "2027-03-31", stage: $stage }) { opportunity { ${DEAL} } } }`, { a: accountId, p: pipelineId, amount, stage });
  const deal = async (id: string): Promise<Data> => (await run(rep, `query ($id: ID!) { opportunity(id: $id) { ${DEAL} } }`, { id })).opportunity;
  const pipeline = async (pipelineId?: string): Promise<Data> =>
    (await run(rep, `query ($f: PipelineFilter) { pipeline(filter: $f) { ${STAGES} } }`, { f: pipelineId ? { pipelineId } : null })).pipeline;
  const stageOf = (summary: Data, key: string): Data => summary.stages.find((s: Data) => s.stage === key);

  beforeAll(async () => {
    server = await startServer();
    manager = await server.token('manager', 'manager-mia');
    rep = await server.token('rep', 'rep-anna');
    accountId = (await run(rep, 'mutation { registerAccount(input: { name: "Verlenging B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
  });
  afterAll(async () => server.stop());

  it('has the default pipeline "Sales" with the six stages of old, without anyone defining it', async () => {
    const { pipelineDefinitions } = await run(rep, `{ pipelineDefinitions { ${DEFINITION} } }`);
    expect(pipelineDefinitions[0]).toMatchObject({ id: DEFAULT_PIPELINE_ID, name: 'Sales', archived: false });
    expect(pipelineDefinitions[0].stages.map((s: Data) => `${s.key} ${s.probability} ${s.kind}`)).toEqual([
      'PROSPECTING 10 OPEN', 'QUALIFICATION 20 OPEN', 'PROPOSAL 50 OPEN', 'NEGOTIATION 80 OPEN', 'CLOSED_WON 100 WON', 'CLOSED_LOST 0 LOST',
    ]);
  });

  it('opens, moves, wins and loses in the default pipeline as before', async () => {
    const opened = (await open(null, '500.00')).openOpportunity.opportunity;
    expect(opened).toMatchObject({ stage: 'PROSPECTING', stageName: 'Prospecting', probability: 10, forecastCategory: 'PIPELINE', pipeline: { id: DEFAULT_PIPELINE_ID, name: 'Sales' } });
    await run(rep, 'mutation ($id: ID!) { changeOpportunityStage(input: { opportunityId: $id, stage: "negotiation" }) { revision } }', { id: opened.id });
    expect(await deal(opened.id)).toMatchObject({ stage: 'NEGOTIATION', probability: 80, weightedAmount: { amount: '400.00', currency: 'EUR' } });
    const won = await run(rep, `mutation ($id: ID!) { winOpportunity(input: { opportunityId: $id }) { opportunity { ${DEAL} } } }`, { id: opened.id });
    expect(won.winOpportunity.opportunity).toMatchObject({ stage: 'CLOSED_WON', status: 'WON', probability: 100, forecastCategory: 'CLOSED' });
    const summary = await pipeline();
    expect(summary.pipeline).toEqual({ id: DEFAULT_PIPELINE_ID, name: 'Sales' });
    expect(summary.stages.map((s: Data) => s.stage)).toEqual(['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST']);
    expect(stageOf(summary, 'CLOSED_WON')).toMatchObject({ count: 1, amounts: [{ amount: '500.00', currency: 'EUR' }] });
  });

  it('lets only managers define pipelines, and refuses a stage list without a WON stage, naming the rule', async () => {
    const forbidden = await refusal(rep, 'mutation ($s: [PipelineStageInput!]!) { definePipeline(input: { name: "Mine", stages: $s }) { revision } }', { s: RENEWALS_STAGES });
    expect(forbidden.code).toBe('FORBIDDEN');
    const noWon = RENEWALS_STAGES.filter((s) => s.kind !== 'WON');
    const refused = await refusal(manager, 'mutation ($s: [PipelineStageInput!]!) { definePipeline(input: { name: "No wins", stages: $s }) { revision } }', { s: noWon });
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', reason: 'WON_STAGE_COUNT' });
    const badKey = [{ ...RENEWALS_STAGES[0], key: 'up for renewal!' }, ...RENEWALS_STAGES.slice(1)];
    const invalid = await refusal(manager, 'mutation ($s: [PipelineStageInput!]!) { definePipeline(input: { name: "Bad", stages: $s }) { revision } }', { s: badKey });
    expect(invalid.code).toBe('BAD_USER_INPUT');
    expect(invalid.fields.map((f: Data) => f.field)).toContain('stages[0].key');
  });

  it('walks an opportunity through its own pipeline, re-weights and removes a stage in use, and archives', async () => {
    const defined = (await define(RENEWALS_STAGES)).definePipeline.pipeline;
    expect(defined).toMatchObject({ name: 'Renewals', archived: false, revision: 0 });
    const pipelineId = defined.id;

    const opened = (await open(pipelineId, '2000.00')).openOpportunity.opportunity;
    expect(opened).toMatchObject({ stage: 'UP_FOR_RENEWAL', stageName: 'Up for renewal', probability: 40, pipeline: { id: pipelineId, name: 'Renewals' } });
    expect(opened.weightedAmount).toEqual({ amount: '800.00', currency: 'EUR' });
    const stranger = await refusal(rep, 'mutation ($id: ID!) { changeOpportunityStage(input: { opportunityId: $id, stage: "NEGOTIATION" }) { revision } }', { id: opened.id });
    expect(stranger).toMatchObject({ code: 'RULE_VIOLATION', reason: 'STAGE_NOT_IN_PIPELINE' });
    await run(rep, 'mutation ($id: ID!) { changeOpportunityStage(input: { opportunityId: $id, stage: "QUOTED" }) { revision } }', { id: opened.id });
    expect(await deal(opened.id)).toMatchObject({ stage: 'QUOTED', probability: 60, weightedAmount: { amount: '1200.00', currency: 'EUR' } });

    const revisedStages = [
      RENEWALS_STAGES[0],
      { ...RENEWALS_STAGES[2], probability: 75 },
      ...RENEWALS_STAGES.slice(3),
    ];
    const withoutMove = await refusal(manager, 'mutation ($p: ID!, $s: [PipelineStageInput!]!) { revisePipeline(input: { pipelineId: $p, stages: $s }) { revision } }', { p: pipelineId, s: revisedStages });
    expect(withoutMove).toMatchObject({ code: 'RULE_VIOLATION', reason: 'MOVE_REQUIRED' });
    const revised = await run(manager, `mutation ($p: ID!, $s: [PipelineStageInput!]!) { revisePipeline(input: { pipelineId: $p, stages: $s, moves: [{ from: "QUOTED", to: "VERBAL_YES" }] })
      { pipeline { ${DEFINITION} } revision } }`, { p: pipelineId, s: revisedStages });
    expect(revised.revisePipeline.pipeline.stages.map((s: Data) => s.key)).toEqual(['UP_FOR_RENEWAL', 'VERBAL_YES', 'RENEWED', 'CHURNED', 'DOWNGRADED']);
    expect(await deal(opened.id)).toMatchObject({ stage: 'VERBAL_YES', probability: 75, weightedAmount: { amount: '1500.00', currency: 'EUR' } });
    const auditor = await server.token('auditor');
    const HISTORY = 'query ($type: StreamType!, $id: ID!) { history(stream: { type: $type, id: $id }, last: 1) { edges { node { id type data causationId } } } }';
    const lastEvent = async (type: string, id: string): Promise<Data> => (await run(auditor, HISTORY, { type, id })).history.edges[0].node;
    const revision = await lastEvent('PIPELINE', pipelineId);
    expect(revision).toMatchObject({ type: 'PipelineRevised', data: { moves: [{ from: 'QUOTED', to: 'VERBAL_YES' }] } });
    expect(await lastEvent('OPPORTUNITY', opened.id)).toMatchObject({
      type: 'OpportunityStageChanged',
      data: { from: 'QUOTED', to: 'VERBAL_YES', probability: 75 },
      causationId: revision.id,
    });

    const reweighted = [RENEWALS_STAGES[0], { ...RENEWALS_STAGES[2], probability: 50 }, ...RENEWALS_STAGES.slice(3)];
    await run(manager, 'mutation ($p: ID!, $s: [PipelineStageInput!]!) { revisePipeline(input: { pipelineId: $p, stages: $s }) { revision } }', { p: pipelineId, s: reweighted });
    expect(await deal(opened.id)).toMatchObject({ probability: 50, weightedAmount: { amount: '1000.00', currency: 'EUR' } });
    expect(stageOf(await pipeline(pipelineId), 'VERBAL_YES')).toMatchObject({
      probability: 50, count: 1, amounts: [{ amount: '2000.00', currency: 'EUR' }], weightedAmounts: [{ amount: '1000.00', currency: 'EUR' }],
    });

    const lost = await run(rep, `mutation ($id: ID!) { loseOpportunity(input: { opportunityId: $id, reason: PRICE, stage: "DOWNGRADED" }) { opportunity { ${DEAL} } } }`, { id: opened.id });
    expect(lost.loseOpportunity.opportunity).toMatchObject({ stage: 'DOWNGRADED', status: 'LOST', stageName: 'Downgraded' });

    const archived = await run(manager, `mutation ($p: ID!) { archivePipeline(input: { pipelineId: $p }) { pipeline { ${DEFINITION} } } }`, { p: pipelineId });
    expect(archived.archivePipeline.pipeline.archived).toBe(true);
    const refused = await refusal(rep, `mutation ($a: ID!, $p: ID!) { openOpportunity(input: { accountId: $a, pipelineId: $p, name: "Late", amount: "1.00",
      currency: "EUR", expectedCloseDate: "2027-03-31" }) { revision } }`, { a: accountId, p: pipelineId });
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', reason: 'PIPELINE_ARCHIVED' });
  });

  it('takes an open opportunity into another pipeline, and the pipelines count it where it is', async () => {
    const partners = (await define([
      { key: 'REGISTERED', name: 'Deal registered', probability: 30, kind: 'OPEN', forecastCategory: 'PIPELINE' },
      { key: 'WON', name: 'Won', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
      { key: 'LOST', name: 'Lost', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
    ], 'Partners')).definePipeline.pipeline.id;
    const opened = (await open(null, '300.00')).openOpportunity.opportunity;
    const moved = await run(rep, `mutation ($id: ID!, $p: ID!) { moveOpportunityToPipeline(input: { opportunityId: $id, pipelineId: $p }) { opportunity { ${DEAL} } } }`, { id: opened.id, p: partners });
    expect(moved.moveOpportunityToPipeline.opportunity).toMatchObject({ stage: 'REGISTERED', probability: 30, pipeline: { id: partners, name: 'Partners' } });
    expect(stageOf(await pipeline(partners), 'REGISTERED')).toMatchObject({ count: 1, weightedAmounts: [{ amount: '90.00', currency: 'EUR' }] });
    expect(stageOf(await pipeline(), 'PROSPECTING').amounts).not.toContainEqual({ amount: '300.00', currency: 'EUR' });
    const listed = await run(rep, `query ($p: ID!) { opportunities(filter: { pipelineId: [$p] }) { edges { node { id } } } }`, { p: partners });
    expect(listed.opportunities.edges.map((e: Data) => e.node.id)).toEqual([opened.id]);
    const unknown = await gql(rep, 'query { pipeline(filter: { pipelineId: "5d0c9c7e-0000-4000-8000-000000000000" }) { stages { stage } } }');
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
