import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import { DefinePipelineCommand, OpenOpportunityCommand, RegisterAccountCommand, loadConfig, openStores, signToken, type Stores } from '@crm/application';
import { ALL_PROJECTIONS, PIPELINE_DEFINITIONS, Projector, type Projection } from '@crm/read-models';
import { startApiServer } from '../bootstrap';

const SECRET = 'pipeline-definitions-secret-long-enough-for-hs256-0123456789';
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The definitions read model as it is while it lags behind the opportunities': it has seen no pipeline event. */
const lagging = (projection: Projection): Projection =>
  projection.name === PIPELINE_DEFINITIONS ? { ...projection, filter: { categories: ['nothing-yet'] } } : projection;

/**
 * An opportunity whose pipeline the definitions read model does not show yet (that projection
 * behind the opportunities', rebuilding, or stopped on a parked event) still answers what its stage
 * means: the API reads the pipeline from its stream.
 */
describe('pipeline definitions the read model does not show yet', () => {
  let dir: string;
  let stores: Stores;
  let projector: Projector;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-pipeline-definitions-'));
    const env = { CRM_DATA_DIR: dir, CRM_JWT_SECRET: SECRET };
    stores = await openStores(loadConfig(env), env);
    projector = new Projector(stores.eventStore, stores.readStore, { projections: ALL_PROJECTIONS.map(lagging), log: () => undefined });
    await projector.start();
    app = await startApiServer({ stores, jwtSecret: SECRET, projector, host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await projector?.stop();
    await stores?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the stage name, probability, forecast category, weighted amount and pipeline from the stream', async () => {
    const commands = app.get(CommandBus);
    const context = () => ({ actor: 'manager-1', commandId: randomUUID() });
    const pipelineId = randomUUID();
    const accountId = randomUUID();
    const opportunityId = randomUUID();
    const stages = [
      { key: 'REGISTERED', name: 'Deal registered', probability: 35, kind: 'OPEN', forecastCategory: 'BEST_CASE' },
      { key: 'SIGNED', name: 'Signed', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
      { key: 'DROPPED', name: 'Dropped', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
    ];
    await commands.execute(new DefinePipelineCommand({ pipelineId, name: 'Partners', stages }, context()));
    await commands.execute(new RegisterAccountCommand({ accountId, name: 'Partner B.V.', kind: 'COMPANY' }, context()));
    const opened = await commands.execute(
      new OpenOpportunityCommand({ opportunityId, accountId, pipelineId, name: 'Co-sell', amount: '200.00', currency: 'EUR', expectedCloseDate: '2027-01-31' }, context()),
    );
    expect(await projector.readModels.waitForPosition(opened.position as bigint, ['opportunities'], 20_000)).toBe(true);
    expect(await stores.readStore.get(PIPELINE_DEFINITIONS, pipelineId)).toBeNull();

    const token = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'query ($id: ID!) { opportunity(id: $id) { stage stageName probability forecastCategory weightedAmount { amount } pipeline { id name } } }',
        variables: { id: opportunityId },
      }),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.opportunity).toEqual({
      stage: 'REGISTERED',
      stageName: 'Deal registered',
      probability: 35,
      forecastCategory: 'BEST_CASE',
      weightedAmount: { amount: '70.00' },
      pipeline: { id: pipelineId, name: 'Partners' },
    });
  });
});
