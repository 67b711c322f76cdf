import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { collectStream, type JsonObject } from '@crm/event-store';
import { Projector, SqliteReadStore, type Doc, type Filter } from '@crm/read-models';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { AddContactCommand } from '../contacts/add-contact.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { ConvertLeadCommand } from '../leads/convert-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { UpdateLeadDetailsCommand } from '../leads/update-lead-details.command';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context } from '../testing/commands';
import { accessReport, type DocumentLookup } from './access-report';

type Step = { person: number; kind: 'lead' | 'contact' | 'convert' | 'retitle' };

/** One person of one run: words no one else has, and what was recorded about them. */
class Person {
  readonly subjects = new Set<string>();
  readonly streams = new Set<string>();
  readonly openLeads: string[] = [];
  constructor(readonly tag: string) {}
  get firstName() { return `Fn${this.tag}`; }
  get lastName() { return `Ln${this.tag}`; }
  get email() { return `${this.tag}@people.example`; }
  get phone() { return `+3120${this.tag.replace(/\D/g, '').padStart(7, '0').slice(-7)}`; }
}

describe('access report (art. 15): everything about a subject, nothing about anyone else', () => {
  const file = tempEventStoreFile();
  const dir = mkdtempSync(join(tmpdir(), 'crm-access-'));
  let app: RunningApplication;
  let readStore: SqliteReadStore;
  let projector: Projector;
  let documents: DocumentLookup;
  let accountId: string;
  let tags = 1000;
  const everyone: Person[] = [];

  beforeAll(async () => {
    app = await startApplication(file.open());
    readStore = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
    projector = new Projector(app.store, readStore, { log: () => undefined });
    await projector.start();
    accountId = randomUUID();
    await app.commands.execute(new RegisterAccountCommand({ accountId, name: 'Shared Employer B.V.', kind: 'COMPANY' }, context()));
    documents = {
      findAll: async (logical, filter) => {
        const page = await readStore.find<Doc>(await projector.readModels.collectionFor(logical), { filter: filter as Filter, first: 500 });
        return page.items as JsonObject[];
      },
    };
  });
  afterAll(async () => {
    await projector.stop();
    await readStore.close();
    await app.close();
    await app.store.close();
    file.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (person: Person, step: Step['kind']): Promise<void> => {
    const names = { firstName: person.firstName, lastName: person.lastName, email: person.email, phone: person.phone };
    if (step === 'lead') {
      const leadId = randomUUID();
      const outcome = await app.commands.execute(new CaptureLeadCommand({ leadId, ...names, companyName: 'Prospect B.V.', source: 'EVENT' }, context()));
      person.subjects.add((outcome.state as { subjectId: string }).subjectId);
      person.streams.add(outcome.streamName);
      person.openLeads.push(leadId);
    } else if (step === 'contact') {
      const outcome = await app.commands.execute(new AddContactCommand({ contactId: randomUUID(), accountId, ...names, relationship: 'EMPLOYEE' }, context()));
      person.subjects.add((outcome.state as { subjectId: string }).subjectId);
      person.streams.add(outcome.streamName);
    } else if (step === 'retitle' && person.openLeads.length > 0) {
      await app.commands.execute(new UpdateLeadDetailsCommand({ leadId: person.openLeads[0], jobTitle: `Title ${randomUUID().slice(0, 4)}` }, context()));
    } else if (step === 'convert' && person.openLeads.length > 0) {
      const leadId = person.openLeads.shift()!;
      await app.commands.execute(new QualifyLeadCommand({ leadId }, context()));
      const outcome = await app.commands.execute(new ConvertLeadCommand({ leadId, existingAccountId: accountId }, context()));
      person.streams.add(outcome.contact.streamName);
    }
  };

  it('holds every subject with the email or phone and all their events, and no word of another person', async () => {
    const steps = fc.array(fc.record({ person: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('lead', 'contact', 'convert', 'retitle') }), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(steps, async (workload: Step[]) => {
        const people = [0, 1, 2, 3].map(() => new Person(`p${tags++}x`));
        everyone.push(...people);
        for (const step of workload) await run(people[step.person], step.kind);
        await projector.readModels.waitForPosition((await app.store.headPosition())!, ['leads', 'contacts'], 5000);
        for (const person of people.filter((p) => p.subjects.size > 0)) {
          for (const query of [{ email: person.email.toUpperCase() }, { phone: person.phone }]) {
            const report = await accessReport(documents, app.store, query);
            expect(new Set(report.map((s) => s.subjectId))).toEqual(person.subjects);
            const expectedEvents = (await Promise.all([...person.streams].map((s) => collectStream(app.store, s)))).flat();
            expect(report.flatMap((s) => s.events.map((e) => e.id)).sort()).toEqual(expectedEvents.map((e) => e.id).sort());
            expect(JSON.stringify(report)).toContain(person.lastName);
            const text = JSON.stringify(report);
            for (const other of everyone.filter((p) => p !== person)) {
              for (const word of [other.firstName, other.lastName, other.email, other.phone]) expect(text).not.toContain(word);
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
