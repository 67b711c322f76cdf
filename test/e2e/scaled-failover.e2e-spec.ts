import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openStores, signToken } from '@crm/application';
import { ALL_PROJECTIONS, PARKED_EVENTS, Projector } from '@crm/read-models';
import { snapshot } from '../../libs/read-models/src/projector/testing/projector-fixtures';
import type { ProductProcess } from '../support/product-process';
import { waitUntil } from '../support/privacy-fixtures';
import { SECRET } from '../support/running-server';

/** Each process compiles its sources as it starts: slow while the rest of npm test runs beside them. */
const START_TIMEOUT_MS = 180_000;
import { CONVERT, QUALIFY, WORK, captureLead, readLead } from '../support/scaled-leads';
import { projectorLeaseHolders, startScaledShape, type ScaledShape } from '../support/scaled-shape';

/** Short, so the takeover is seconds; renewed every third of it by the holder. */
const LEASE_TTL_MS = 2_000;
/** What the test's own look at the leases and a loaded machine's scheduling may add to the takeover. */
const OBSERVATION_SLACK_MS = 500;
const ENV = {
  CRM_JWT_SECRET: SECRET, LOG_LEVEL: 'warn',
  CRM_PROJECTOR_LEASE_TTL_MS: String(LEASE_TTL_MS), CRM_WEBHOOK_LEASE_TTL_MS: String(LEASE_TTL_MS), CRM_WEBHOOK_TIMEOUT_MS: '500',
};
const ACCOUNT = 'query ($id: ID!) { account(id: $id) { id } }';

interface Story {
  leadId: string;
  accountId: string | null;
  /** Written while every projection had a live holder: read-your-writes must hold at once. */
  heldThroughout: boolean;
}

describe('the scaled shape on one data folder: 2 API and 2 projector processes, the lease holder killed under write load', () => {
  let dataDir: string;
  let shape: ScaledShape | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-scaled-failover-'));
    shape = await startScaledShape(dataDir, ENV);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shape?.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands every lease to the other projector within the ttl; nothing is lost or applied twice; reads follow writes through either API; conversions complete', async () => {
    const { apis, projectors } = shape!;
    const rep = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    const before = projectorLeaseHolders(dataDir);
    // Every projection's, the lead conversion and pipeline revision processes' and the webhook deliverer's.
    expect(before.size).toBe(ALL_PROJECTIONS.length + 3);
    const holder = projectors.find((projector) => projector.pid === [...before.values()][0])!;
    const survivor = projectors.find((projector) => projector !== holder)!;
    expect(new Set(before.values())).toEqual(new Set([holder.pid]));

    /** Bumped at the kill: a story that saw it start, or began before the takeover, proves nothing about read-your-writes. */
    let failovers = 0;
    let failingOver = false;
    /** A lead captured, worked, qualified and converted, each step through the other API than the last. */
    const story = async (client: number, i: number): Promise<Story> => {
      const heldFrom = failingOver ? -1 : failovers;
      const [first, second] = client === 0 ? apis : [apis[1], apis[0]];
      const { id: leadId } = await captureLead(first, rep, i);
      await second.gql(rep, WORK, { input: { leadId } });
      await first.gql(rep, QUALIFY, { input: { leadId } });
      const input = { leadId, account: { kind: 'COMPANY' }, opportunity: { name: `Steigers ${i}`, amount: '12500.00', currency: 'EUR' } };
      const converted = await second.gql<{ convertLead: { lead: { status: string; convertedAccountId: string | null } } }>(rep, CONVERT, { input });
      const done = { leadId, accountId: converted.convertLead.lead.convertedAccountId, heldThroughout: heldFrom === failovers };
      if (done.heldThroughout) {
        expect(converted.convertLead.lead.status).toBe('CONVERTED');
        expect(await readLead(first, rep, leadId)).toMatchObject({ status: 'CONVERTED', convertedAccountId: done.accountId });
      }
      return done;
    };
    const stories: Story[] = [];
    let next = 0;
    let writing = true;
    /** Two clients, each one story at a time, until told to stop: the write load through both APIs. */
    const load = Promise.all([0, 1].map(async (client) => {
      while (writing) stories.push(await story(client, next++));
    }));

    await waitUntil('a few stories are written before the kill', async () => stories.length >= 4, 30_000);
    failingOver = true;
    failovers++;
    const killedAt = Date.now();
    await holder.kill('SIGKILL');
    await waitUntil('the survivor holds every lease', async () => {
      const holders = projectorLeaseHolders(dataDir);
      return holders.size === before.size && [...holders.values()].every((pid) => pid === survivor.pid);
    }, 4 * LEASE_TTL_MS);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_TTL_MS + OBSERVATION_SLACK_MS);
    failingOver = false;
    const afterTakeover = stories.length;
    await waitUntil('a few stories are written after the takeover', async () => stories.length >= afterTakeover + 6, 30_000);
    writing = false;
    await load;

    // Every conversion, before, during and after the failover, is complete and readable through either API.
    for (const { leadId, accountId } of stories) {
      for (const api of apis) {
        await waitUntil(`lead ${leadId} reads as converted`, async () => (await readLead(api, rep, leadId))?.status === 'CONVERTED', 5_000);
        expect(await api.gql(rep, ACCOUNT, { id: accountId ?? (await readLead(api, rep, leadId))!.convertedAccountId })).toMatchObject({ account: { id: expect.any(String) } });
      }
    }
    // Read-your-writes was checked at once after the takeover too, not only before the kill.
    expect(stories.slice(afterTakeover).filter((s) => s.heldThroughout).length).toBeGreaterThanOrEqual(4);
    await stopAll([...apis, survivor]);
    await expectAppliedExactlyOnce(dataDir);
  }, 120_000);
});

const stopAll = async (processes: readonly ProductProcess[]): Promise<void> => {
  const codes = await Promise.all(processes.map((process) => process.stop()));
  expect(codes).toEqual(processes.map(() => 0));
};

/**
 * The read models equal a rebuild from the log (an event lost would be missing from them, one applied
 * twice would have counted twice), and no event was parked.
 */
const expectAppliedExactlyOnce = async (dataDir: string): Promise<void> => {
  const env = { ...process.env, ...ENV, CRM_DATA_DIR: dataDir };
  const stores = await openStores(loadConfig(env), env);
  try {
    const projector = new Projector(stores.eventStore, stores.readStore, { log: () => undefined, dropGraceMs: 0 });
    const head = (await stores.eventStore.headPosition())!;
    expect(await projector.readModels.waitForPosition(head, ALL_PROJECTIONS.map((p) => p.name), 1_000)).toBe(true);
    expect(await stores.readStore.count(PARKED_EVENTS)).toBe(0);
    const live = await snapshot(stores.readStore, ALL_PROJECTIONS);
    await projector.rebuild();
    expect(await snapshot(stores.readStore, ALL_PROJECTIONS)).toEqual(live);
  } finally {
    await stores.close();
  }
};
