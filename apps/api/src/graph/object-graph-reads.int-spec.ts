import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import {
  AddContactCommand, AssignContactRoleCommand, CaptureLeadCommand, ConvertLeadCommand, OpenOpportunityCommand, QualifyLeadCommand,
  RegisterAccountCommand, loadConfig, openStores, signToken, type Stores,
} from '@crm/application';
import { ALL_PROJECTIONS, MAX_IN_VALUES, Projector } from '@crm/read-models';
import { countingReadStore, type CountingReadStore } from '../../../../test/support/counting-read-store';
import type { RequestContext } from '../auth/request-user';
import { startApiServer } from '../bootstrap';
import { ReadModelsService } from '../shared/read-models.service';
import { docsById } from './request-loaders';

const SECRET = 'object-graph-reads-secret-long-enough-for-hs256-0123456789';
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every link and nested connection of a page of accounts and a page of leads, in one request. */
const GRAPH = `query ($root: ID!, $n: Int!) {
  accounts(first: $n, filter: { parentAccountId: $root }) { edges { node { id
    parent { id }
    children(first: 2) { totalCount }
    contacts(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id account { id } } } }
    opportunities(last: 1) { totalCount edges { node { account { name } contactRoles { role contact { lastName } } } } }
  } } }
  leads(first: $n, filter: { status: [CONVERTED] }) { edges { node { convertedTo { account { id } contact { id } opportunity { id } } } } }
}`;

/**
 * The API module over real HTTP against real stores, with the read store wrapped in a decorator that
 * counts its document reads: a page of the object graph must cost the same reads whatever its size.
 */
describe('reads of the object graph', () => {
  let dir: string;
  let stores: Stores;
  let counting: CountingReadStore;
  let projector: Projector;
  let app: NestExpressApplication;
  let url: string;
  let token: string;
  const root = randomUUID();

  const gql = async (query: string, variables: Data): Promise<Data> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as Data;
  };

  /** Eight accounts under one parent, each with a child, three contacts and a deal with a role; four converted leads. */
  const seed = async (commands: CommandBus): Promise<void> => {
    const run = (command: object) => commands.execute(command as never);
    const context = () => ({ actor: 'rep-1', commandId: randomUUID() });
    await run(new RegisterAccountCommand({ accountId: root, name: 'Holding', kind: 'COMPANY' }, context()));
    for (let i = 0; i < 8; i++) {
      const accountId = randomUUID();
      await run(new RegisterAccountCommand({ accountId, name: `Account ${i}`, kind: 'COMPANY', parentAccountId: root }, context()));
      await run(new RegisterAccountCommand({ accountId: randomUUID(), name: `Branch ${i}`, kind: 'COMPANY', parentAccountId: accountId }, context()));
      const contacts = [randomUUID(), randomUUID(), randomUUID()];
      for (const contactId of contacts) {
        await run(new AddContactCommand({ contactId, accountId, firstName: 'Kim', lastName: `Contact ${i}`, relationship: 'EMPLOYEE' }, context()));
      }
      const opportunityId = randomUUID();
      await run(new OpenOpportunityCommand({ opportunityId, accountId, name: `Deal ${i}`, amount: '100.00', currency: 'EUR', expectedCloseDate: '2027-01-31' }, context()));
      await run(new AssignContactRoleCommand({ opportunityId, contactId: contacts[0], role: 'CHAMPION', primary: true }, context()));
    }
    for (let i = 0; i < 4; i++) {
      const leadId = randomUUID();
      await run(new CaptureLeadCommand({ leadId, firstName: 'Noor', lastName: `Lead ${i}`, email: `noor${i}@example.nl`, companyName: `Lead Co ${i}`, source: 'WEB_FORM' }, context()));
      await run(new QualifyLeadCommand({ leadId }, context()));
      const opportunity = { name: 'First order', amount: '10.00', currency: 'EUR', expectedCloseDate: '2027-02-28' };
      await run(new ConvertLeadCommand({ leadId, account: { kind: 'COMPANY' }, opportunity }, context()));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-graph-reads-'));
    const env = { CRM_DATA_DIR: dir, CRM_JWT_SECRET: SECRET };
    stores = await openStores(loadConfig(env), env);
    counting = countingReadStore(stores.readStore);
    projector = new Projector(stores.eventStore, stores.readStore, { log: () => undefined });
    await projector.start();
    app = await startApiServer({ stores: { ...stores, readStore: counting.store }, jwtSecret: SECRET, projector, host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
    token = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    await seed(app.get(CommandBus));
    const head = await stores.eventStore.headPosition();
    expect(await projector.readModels.waitForPosition(head as bigint, ALL_PROJECTIONS.map((p) => p.name), 20_000)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await projector?.stop();
    await stores?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('costs the same store reads for a page of 1, 4 and 8 nodes, links and nested connections included', async () => {
    const reads: Data[] = [];
    for (const n of [1, 4, 8]) {
      counting.reset();
      const data = await gql(GRAPH, { root, n });
      const accounts = data.accounts.edges.map((edge: Data) => edge.node);
      expect(accounts).toHaveLength(n);
      for (const account of accounts) {
        expect(account.parent).toEqual({ id: root });
        expect(account.children.totalCount).toBe(1);
        expect(account.contacts).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, edges: [{ node: { account: { id: account.id } } }] });
        expect(account.opportunities.edges[0].node.contactRoles[0]).toMatchObject({ role: 'CHAMPION', contact: { lastName: expect.stringMatching(/^Contact/) } });
      }
      for (const { node } of data.leads.edges) expect(Object.values(node.convertedTo).every((linked) => linked !== null)).toBe(true);
      reads.push({ n, calls: counting.calls(), total: counting.total() });
    }
    expect(reads[1].calls).toEqual(reads[0].calls);
    expect(reads[2].calls).toEqual(reads[0].calls);
    // Two lists, three nested connections, and the links by id: five batches of accounts, contacts and opportunities.
    expect(reads[0].calls).toEqual({ get: 0, getMany: 5, find: 2, findGroups: 3, count: 0 });
  });

  it('splits a batch of links larger than the store\'s $in limit into chunks', async () => {
    const request: RequestContext = { user: null, authProblem: null, correlationId: randomUUID(), loaders: new Map() };
    const ids = Array.from({ length: MAX_IN_VALUES * 2 + 500 }, () => randomUUID());
    counting.reset();
    const found = await docsById(request, app.get(ReadModelsService), 'accounts').loadMany([root, ...ids]);
    expect(found[0]).toMatchObject({ id: root, name: 'Holding' });
    expect(found.slice(1).every((doc) => doc === null)).toBe(true);
    expect(counting.getManySizes()).toEqual([MAX_IN_VALUES, MAX_IN_VALUES, 501]);
  });
});
