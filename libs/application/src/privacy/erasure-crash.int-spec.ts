import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { contactStream, leadStream, RuleViolation } from '@crm/domain';
import { collectStream } from '@crm/event-store';
import { verifyChains } from '../audit/chain-verifier';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { ConvertLeadCommand } from '../leads/convert-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { context, leadInput } from '../testing/commands';
import { ErasePersonCommand } from './erase-person.command';
import { ErasureProcess } from './erasure.process';
import { startProcessApplication, type ProcessApplication } from './testing/process-application';

const root = resolve(__dirname, '../../../..');

/** Runs an erasure in a child process that kills itself with SIGKILL at `step`; resolves with how it ended. */
const eraseAndKill = (dataDir: string, leadId: string, step: string, when: string): Promise<NodeJS.Signals | null> =>
  new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'test/support/ts-register.js'), join(__dirname, 'testing/erasure-child.ts'), dataDir, leadId, step, when],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.on('error', fail);
    child.on('exit', (_code, signal) => done(signal));
  });

const erasedIn = async (app: ProcessApplication, stream: string) =>
  (await collectStream(app.stores.storedEvents, stream)).filter((event) => event.type === 'PersonErased').length;

describe('an erasure killed at any step is completed on restart', () => {
  const steps = ['beginErasure', 'append-1', 'append-2', 'completeErasure'];

  it.each(steps.flatMap((step) => [[step, 'before'], [step, 'after']]))('SIGKILL %s (%s)', async (step, when) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-erasure-crash-'));
    try {
      const lead = leadInput();
      const setup = await startProcessApplication(dataDir);
      await setup.commands.execute(new CaptureLeadCommand(lead, context()));
      await setup.commands.execute(new QualifyLeadCommand({ leadId: lead.leadId }, context()));
      const converted = await setup.commands.execute(new ConvertLeadCommand({ leadId: lead.leadId }, context()));
      const contactId = converted.contact.streamName.slice('contact-'.length);
      await setup.close();

      expect(await eraseAndKill(dataDir, lead.leadId, step, when)).toBe('SIGKILL');

      const restarted = await startProcessApplication(dataDir);
      try {
        const subjectId = (converted.lead.state as { subjectId: string }).subjectId;
        // Never a key destroyed before both streams say the person was erased.
        const keyLeft = (await restarted.stores.keyStore.findKeys([subjectId])).size === 1;
        if (!keyLeft) {
          expect(await erasedIn(restarted, leadStream(lead.leadId))).toBe(1);
          expect(await erasedIn(restarted, contactStream(contactId))).toBe(1);
        }
        const pending = await restarted.context.get(ErasureProcess).completePending();
        // Killed before the request was recorded, nothing happened: the officer's retry does it all.
        if (pending === 0 && keyLeft) {
          await restarted.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'DATA_SUBJECT_REQUEST' }, context()));
        }
        expect(await erasedIn(restarted, leadStream(lead.leadId))).toBe(1);
        expect(await erasedIn(restarted, contactStream(contactId))).toBe(1);
        expect((await restarted.stores.keyStore.findKeys([subjectId])).size).toBe(0);
        expect(await restarted.stores.keyStore.pendingErasures()).toEqual([]);
        const [captured] = await collectStream(restarted.stores.eventStore, leadStream(lead.leadId));
        expect(captured.data).toMatchObject({ firstName: null, lastName: null, email: null, phone: null });
        const again = restarted.commands.execute(new CaptureLeadCommand(leadInput(), context()));
        await expect(again).rejects.toBeInstanceOf(RuleViolation);
        await expect(again).rejects.toMatchObject({ reason: 'PERSON_SUPPRESSED' });
        expect(await verifyChains(restarted.stores.storedEvents, { gaplessPositions: true })).toMatchObject({ breakCount: 0 });
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
