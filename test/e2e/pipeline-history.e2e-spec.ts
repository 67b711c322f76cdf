import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const BUCKET = 'count amount { amount currency } opportunities(first: 50) { totalCount edges { amount { amount } node { id name } } }';
const MOVEMENT = `currencies { currency start { ${BUCKET} } created { ${BUCKET} } pulledIn { ${BUCKET} } increased { ${BUCKET} } decreased { ${BUCKET} }
  pushedOut { ${BUCKET} } won { ${BUCKET} } lost { ${BUCKET} } end { ${BUCKET} } }`;
const STAGES = 'stages { stage probability count amounts { amount currency } weightedAmounts { amount currency } }';

/**
 * The pipeline through time over HTTP, as a sales manager asks it: what the pipeline was at an
 * instant, what moved it between two instants (every bucket, with its deals), the forecast and stage
 * velocity, all following the writes made through the API.
 */
describe('the pipeline through time, over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  let accountId: string;
  let before: string;
  let between: string;
  let after: string;
  let pipelineAtBetween: Data;
  const ids: Record<string, string> = {};

  const run = async (query: string, variables: Data = {}, token = rep): Promise<Data> => {
    const result = await server.gql<Data>(token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const refusal = async (query: string, variables: Data = {}): Promise<Data> => {
    const result = await server.gql<Data>(rep, query, variables);
    expect(result.errors).toHaveLength(1);
    return result.errors![0].extensions as Data;
  };
  const open = async (name: string, amount: string, expectedCloseDate: string) => {
    const opened = await run(`mutation ($a: ID!, $name: String!, $amount: Decimal!, $close: String!) { openOpportunity(input: { accountId: $a, name: $name,
      amount: $amount, currency: "EUR", expectedCloseDate: $close }) { opportunity { id } } }`, { a: accountId, name, amount, close: expectedCloseDate });
    ids[name] = opened.openOpportunity.opportunity.id;
  };
  const revise = (name: string, changes: Data) =>
    run('mutation ($input: ReviseOpportunityInput!) { reviseOpportunity(input: $input) { revision } }', { input: { opportunityId: ids[name], ...changes } });
  const pipelineAt = async (asOf: string | null, filter: Data = {}) =>
    (await run(`query ($asOf: DateTime, $f: PipelineFilter) { pipeline(filter: $f, asOf: $asOf) { ${STAGES} } }`, { asOf, f: filter })).pipeline;
  const movement = async (from: string, to: string, filter: Data) =>
    (await run(`query ($from: DateTime!, $to: DateTime!, $f: PipelineFilter) { pipelineMovement(from: $from, to: $to, filter: $f) { pipeline { name } ${MOVEMENT} } }`, { from, to, f: filter }))
      .pipelineMovement;
  /** An instant strictly between the writes before and after it (business time is the server's clock, to the millisecond). */
  const instant = async (): Promise<string> => {
    const at = new Date();
    await new Promise((resolve) => setImmediate(resolve));
    while (Date.now() <= at.getTime()) await new Promise((resolve) => setImmediate(resolve));
    return at.toISOString();
  };

  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep', 'rep-anna');
    accountId = (await run('mutation { registerAccount(input: { name: "Tijdreis B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
    before = await instant();
    await open('Grows', '1000.00', '2027-03-31');
    await open('Wins', '500.00', '2027-03-15');
    await open('Slips', '200.00', '2027-04-30');
    await open('Loses', '100.00', '2027-02-28');
    await open('Comes closer', '700.00', '2027-08-31');
    between = await instant();
    pipelineAtBetween = await pipelineAt(null);
    await revise('Grows', { amount: '1500.00' });
    await run('mutation ($id: ID!) { winOpportunity(input: { opportunityId: $id }) { revision } }', { id: ids.Wins });
    await revise('Slips', { expectedCloseDate: '2027-06-30' });
    await run('mutation ($id: ID!) { loseOpportunity(input: { opportunityId: $id, reason: NO_BUDGET }) { revision } }', { id: ids.Loses });
    await revise('Comes closer', { expectedCloseDate: '2027-04-15' });
    await open('New', '300.00', '2027-04-01');
    after = await instant();
  });
  afterAll(async () => server.stop());

  it('gives the pipeline as it stood at an instant, and now as the pipeline query does', async () => {
    expect(await pipelineAt(between)).toEqual(pipelineAtBetween);
    expect(await pipelineAt(after)).toEqual(await pipelineAt(null));
    const empty = await pipelineAt(before);
    expect(empty.stages.every((stage: Data) => stage.count === 0 && stage.amounts.length === 0)).toBe(true);
  });

  it('explains what moved the pipeline between two instants, bucket by bucket, with the deals behind each', async () => {
    const { currencies, pipeline } = await movement(between, after, { closeTo: '2027-04' });
    expect(pipeline.name).toBe('Sales');
    expect(currencies).toHaveLength(1);
    const eur = currencies[0];
    const figures = (name: string) => ({ count: eur[name].count, amount: eur[name].amount.amount, deals: eur[name].opportunities.edges.map((e: Data) => `${e.node.name} ${e.amount.amount}`) });
    expect(figures('start')).toEqual({ count: 4, amount: '1800.00', deals: expect.arrayContaining(['Grows 1000.00', 'Wins 500.00', 'Slips 200.00', 'Loses 100.00']) });
    expect(figures('created')).toEqual({ count: 1, amount: '300.00', deals: ['New 300.00'] });
    expect(figures('pulledIn')).toEqual({ count: 1, amount: '700.00', deals: ['Comes closer 700.00'] });
    expect(figures('increased')).toEqual({ count: 1, amount: '500.00', deals: ['Grows 500.00'] });
    expect(figures('decreased')).toEqual({ count: 0, amount: '0.00', deals: [] });
    expect(figures('pushedOut')).toEqual({ count: 1, amount: '200.00', deals: ['Slips 200.00'] });
    expect(figures('won')).toEqual({ count: 1, amount: '500.00', deals: ['Wins 500.00'] });
    expect(figures('lost')).toEqual({ count: 1, amount: '100.00', deals: ['Loses 100.00'] });
    expect(figures('end')).toEqual({ count: 3, amount: '2500.00', deals: expect.arrayContaining(['Grows 1500.00', 'New 300.00', 'Comes closer 700.00']) });
  });

  it('pages through a bucket by cursor and refuses a cursor it did not make', async () => {
    const page = async (cursor: string | null) =>
      (await run(`query ($from: DateTime!, $to: DateTime!, $after: String) { pipelineMovement(from: $from, to: $to) { currencies { end {
        opportunities(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } } }`, { from: between, to: after, after: cursor }))
        .pipelineMovement.currencies[0].end.opportunities;
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.edges, ...second.edges].map((e: Data) => e.node.id);
    expect(new Set(seen).size).toBe(4);
    expect(seen).toEqual([...seen].sort());
    const bad = await refusal(`query ($t: DateTime!) { pipelineMovement(from: $t, to: $t) { currencies { end { opportunities(after: "bm90LWEtY3Vyc29y") { totalCount } } } } }`, { t: after });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'after' })] });
  });

  it('refuses a window that ends before it starts, and a pipeline that does not exist', async () => {
    expect(await refusal('query ($f: DateTime!, $t: DateTime!) { pipelineMovement(from: $f, to: $t) { currencies { currency } } }', { f: after, t: between })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'to' })],
    });
    const missing = await refusal('query { forecast(filter: { pipelineId: "0b3e5a2c-6f1d-4c8e-9a7b-2d4f6e8a0c99" }) { period } }');
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('forecasts the open deals by close month and category, with what was won', async () => {
    const { forecast } = await run('{ forecast(period: MONTH) { period rows { period category count amounts { amount currency } weightedAmounts { amount } won { amount } } } }');
    expect(forecast.period).toBe('MONTH');
    const row = (period: string, category: string) => forecast.rows.find((r: Data) => r.period === period && r.category === category);
    expect(row('2027-03', 'PIPELINE')).toMatchObject({ count: 1, amounts: [{ amount: '1500.00', currency: 'EUR' }], weightedAmounts: [{ amount: '150.00' }] });
    expect(row('2027-04', 'PIPELINE')).toMatchObject({ count: 2, amounts: [{ amount: '1000.00', currency: 'EUR' }] });
    expect(row('2027-06', 'PIPELINE')).toMatchObject({ count: 1, amounts: [{ amount: '200.00', currency: 'EUR' }] });
    const { closedAt } = (await run('query ($id: ID!) { opportunity(id: $id) { closedAt } }', { id: ids.Wins })).opportunity;
    const wonThisMonth = forecast.rows.filter((r: Data) => r.won.length > 0);
    expect(wonThisMonth).toEqual([expect.objectContaining({ period: closedAt.slice(0, 7), category: 'PIPELINE', won: [{ amount: '500.00' }] })]);
    const quarters = (await run('{ forecast(period: QUARTER) { rows { period category count } } }')).forecast.rows;
    expect(quarters.find((r: Data) => r.period === '2027-Q1' && r.category === 'PIPELINE').count).toBe(1);
  });

  it('tells how fast deals pass each stage', async () => {
    const { stageVelocity } = await run('{ stageVelocity { pipeline { name } stages { stage entered medianDays toNextStageRate toWonRate } } }');
    const stage = (key: string) => stageVelocity.stages.find((s: Data) => s.stage === key);
    expect(stageVelocity.stages.map((s: Data) => s.stage)).toEqual(['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST']);
    expect(stage('PROSPECTING')).toMatchObject({ entered: 6, toNextStageRate: 0 });
    expect(stage('PROSPECTING').toWonRate).toBeCloseTo(1 / 6, 5);
    expect(stage('CLOSED_WON')).toMatchObject({ entered: 1, toNextStageRate: null });
    expect(stage('PROSPECTING').medianDays).toBeGreaterThanOrEqual(0);
  });

  it('counts every write in the reports as soon as its mutation has answered', async () => {
    const endCount = async () => {
      const { pipelineMovement } = await run('query ($t: DateTime!) { pipelineMovement(from: $t, to: "9999-01-01T00:00:00Z") { currencies { end { count } } } }', { t: after });
      return pipelineMovement.currencies[0].end.count as number;
    };
    const openNow = async () => (await run('{ pipeline(asOf: "9999-01-01T00:00:00Z") { stages { kind count } } }')).pipeline.stages
      .filter((stage: Data) => stage.kind === 'OPEN')
      .reduce((sum: number, stage: Data) => sum + stage.count, 0);
    const counted = await endCount();
    for (let i = 1; i <= 8; i++) {
      await open(`Read back ${i}`, '10.00', '2027-05-31');
      expect(await endCount()).toBe(counted + i);
      expect(await openNow()).toBe(counted + i);
    }
  });
});
