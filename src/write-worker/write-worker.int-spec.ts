import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CaptureLeadCommand, QualifyLeadCommand, type CommandContext } from '@crm/application';
import { NotFoundError } from '@crm/domain';
import { ProjectorSignals, SqliteReadStore } from '@crm/read-models';
import { WriteWorker } from './write-worker';

const TS_REGISTER = join(__dirname, '../../test/support/ts-register.js');

const context = (): CommandContext => ({ actor: 'rep-1', commandId: randomUUID() });
const lead = (leadId = randomUUID()) => ({ leadId, firstName: 'Anna', lastName: 'de Vries', email: 'anna@example.nl', companyName: 'Voorbeeld B.V.', source: 'WEB_FORM' as const });

describe('the write worker: commands, appends and projections on their own thread', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-write-worker-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A worker on this test's data folder, recording every unasked end it reports. */
  const launch = (preload = TS_REGISTER, env: NodeJS.ProcessEnv = {}) => {
    const signals = new ProjectorSignals();
    const lost: Error[] = [];
    const started = WriteWorker.start({ env: { CRM_DATA_DIR: dataDir, ...env }, signals, preload, onUnexpectedExit: (error) => lost.push(error) });
    return { started, signals, lost };
  };

  it("answers a command with its outcome and sends the projections' news after it", async () => {
    const { started, signals } = launch();
    const news: Array<[string, bigint]> = [];
    signals.onCheckpoint((projection, position) => news.push([projection, position]));
    const writes = await started;
    try {
      const outcome = await writes.execute(new CaptureLeadCommand(lead(), context()));
      expect(outcome).toMatchObject({ revision: 0, appended: 1, state: { status: 'NEW' } });
      expect(typeof outcome.position).toBe('bigint');
      await waitFor(() => news.some(([projection, position]) => projection === 'leads' && position >= (outcome.position as bigint)));
    } finally {
      await writes.stop();
    }
  });

  it('answers each of the commands sent in one turn', async () => {
    const writes = await launch().started;
    try {
      const leads = [lead(), lead(), lead()];
      const outcomes = await Promise.all(leads.map((each) => writes.execute(new CaptureLeadCommand(each, context()))));
      expect(outcomes.map((outcome) => [outcome.streamName, outcome.appended])).toEqual(leads.map(({ leadId }) => [`lead-${leadId}`, 1]));
    } finally {
      await writes.stop();
    }
  });

  it('fails only the command of a turn whose input cannot cross the thread', async () => {
    const writes = await launch().started;
    try {
      const leads = [lead(), lead()];
      const uncloneable = { ...lead(), notes: () => 'not cloneable' };
      const [first, refused, second] = await Promise.allSettled([
        writes.execute(new CaptureLeadCommand(leads[0], context())),
        writes.execute(new CaptureLeadCommand(uncloneable as never, context())),
        writes.execute(new CaptureLeadCommand(leads[1], context())),
      ]);
      expect(refused).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/could not be cloned/) } });
      const captured = [first, second].map((settled) => (settled.status === 'fulfilled' ? settled.value.streamName : settled.reason));
      expect(captured).toEqual(leads.map(({ leadId }) => `lead-${leadId}`));
    } finally {
      await writes.stop();
    }
  });

  it('fails only the command of a turn that throws before its promise, and goes on', async () => {
    const { started, lost } = launch(join(__dirname, 'testing/throwing-commands.js'));
    const writes = await started;
    try {
      const kept = lead();
      const [thrown, captured] = await Promise.allSettled([
        writes.execute(new CaptureLeadCommand({ ...lead(), firstName: 'Throws' }, context())),
        writes.execute(new CaptureLeadCommand(kept, context())),
      ]);
      expect(thrown).toMatchObject({ status: 'rejected', reason: { message: 'no handler for this command' } });
      expect(captured).toMatchObject({ status: 'fulfilled', value: { streamName: `lead-${kept.leadId}`, appended: 1 } });
      expect(lost).toEqual([]);
    } finally {
      await writes.stop();
    }
  });

  it('hands back what the domain refused as the error class it threw', async () => {
    const writes = await launch().started;
    try {
      const refused = writes.execute(new QualifyLeadCommand({ leadId: randomUUID() }, context()));
      await expect(refused).rejects.toBeInstanceOf(NotFoundError);
      await expect(refused).rejects.toMatchObject({ entity: expect.any(String), code: 'NOT_FOUND' });
    } finally {
      await writes.stop();
    }
  });

  it('refuses to start with the worker\'s own reason when it cannot open its stores, without reporting a lost write path', async () => {
    const { started, lost } = launch(TS_REGISTER, { EVENT_STORE: 'no-such-store' });
    await expect(started).rejects.toThrow(/EVENT_STORE/);
    expect(lost).toEqual([]);
  });

  it('refuses to start on a webhook retry schedule that cannot work, naming the variable', async () => {
    const { started, lost } = launch(TS_REGISTER, { CRM_WEBHOOK_RETRY_SCHEDULE: '5s,soon' });
    await expect(started).rejects.toThrow(/^CRM_WEBHOOK_RETRY_SCHEDULE: step 2 \("soon"\) is not a positive duration/);
    expect(lost).toEqual([]);
  });

  it('fails a command whose outcome cannot cross the thread, and goes on', async () => {
    const { started, lost } = launch(join(__dirname, 'testing/uncloneable-outcomes.js'));
    const writes = await started;
    try {
      await expect(writes.execute(new CaptureLeadCommand(lead(), context()))).rejects.toThrow(/could not be cloned/);
      await expect(writes.execute(new CaptureLeadCommand(lead(), context()))).rejects.toThrow(/could not be cloned/);
      expect(lost).toEqual([]);
    } finally {
      await writes.stop();
    }
  });

  it('stops, closing its stores, even when stopping part of its work fails', async () => {
    const { started, lost } = launch(join(__dirname, 'testing/failing-conversion-stop.js'));
    const writes = await started;
    await writes.execute(new CaptureLeadCommand(lead(), context()));
    await expect(writes.stop()).resolves.toBeUndefined();
    expect(lost).toEqual([]);
    // The projections were stopped and released their leases: the next start takes them at once.
    const store = new SqliteReadStore({ filename: join(dataDir, 'read-models.sqlite') });
    try {
      expect(await store.acquireLease('projection:leads', 'next-process', 60_000)).toBe(true);
    } finally {
      await store.close();
    }
  }, 10_000);

  it('fails every waiting and later command with why, and says so, when its thread ends unasked', async () => {
    const { started, lost } = launch(join(__dirname, 'testing/exit-on-first-command.js'));
    const writes = await started;
    await expect(writes.execute(new CaptureLeadCommand(lead(), context()))).rejects.toThrow(/ended \(exit code 7\)/);
    await expect(writes.execute(new CaptureLeadCommand(lead(), context()))).rejects.toThrow(/ended \(exit code 7\)/);
    expect(lost).toHaveLength(1);
    await writes.stop();
  });
});

const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
