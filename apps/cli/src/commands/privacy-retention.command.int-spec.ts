import { existsSync } from 'node:fs';
import { byLeadId, convertedWithOwnEmail, disqualifiedNow, history, json, peopleOf, privacyFolders, type Person } from '../testing/privacy-people';
import type { CliRun } from '../testing/buffer-io';
import type { SeededStore } from '../testing/seeded-store';

describe('crm privacy retention, and what every privacy command refuses', () => {
  const { seeded, cleanup } = privacyFolders();
  afterAll(cleanup);

  describe('retention', () => {
    let data: SeededStore;
    let cutoff: string;
    let due: { leadId: string; subjectId: string; disqualifiedAt: string }[];
    let kept: { leadId: string }[];
    beforeAll(async () => {
      data = await seeded();
      const disqualified = disqualifiedNow(data.events).sort((a, b) => a.disqualifiedAt.localeCompare(b.disqualifiedAt));
      // The boundary is one lead's own disqualification instant: "before" excludes it.
      cutoff = disqualified[Math.floor(disqualified.length / 2)].disqualifiedAt;
      due = byLeadId(disqualified.filter((lead) => lead.disqualifiedAt < cutoff));
      const reopenedOrConverted = peopleOf(data.events)
        .filter((p) => p.events.some((e) => e.type === 'LeadDisqualified' && e.metadata.occurredAt < cutoff))
        .filter((p) => !due.some((lead) => lead.leadId === p.leadId));
      kept = [...disqualified.filter((lead) => lead.disqualifiedAt >= cutoff), ...reopenedOrConverted];
      expect(due.length).toBeGreaterThan(5);
      expect(disqualified.length - due.length).toBeGreaterThan(5);
      // Some lead was disqualified before the date and then reopened: retention must leave it alone.
      expect(reopenedOrConverted.length).toBeGreaterThan(0);
    });

    const report = (run: CliRun) => {
      const body = json<{ disqualifiedBefore: string; dryRun: boolean; count: number; leads: { leadId: string }[] }>(run);
      return { ...body, leads: byLeadId(body.leads) };
    };
    const lastEvents = async (leads: { leadId: string }[]) => Promise.all(leads.map(async ({ leadId }) => {
      const { events } = await history(data, 'lead', leadId);
      const notes = events.filter((e) => e.type === 'LeadDisqualified').map((e) => e.data.notes);
      return { leadId, first: events[0].data.firstName, notes, last: events[events.length - 1] };
    }));

    it('reports exactly the leads disqualified before the date and still disqualified, and erases no one on a dry run', async () => {
      const dry = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff, '--dry-run']));
      expect(dry).toEqual({ disqualifiedBefore: cutoff, dryRun: true, count: due.length, leads: due });
      for (const lead of due) {
        const { events } = await history(data, 'lead', lead.leadId);
        const stored = data.events.filter((e) => e.streamName === `lead-${lead.leadId}`);
        expect(events.map((e) => e.id)).toEqual(stored.map((e) => e.id));
        expect(events[0].data.firstName).toBe(stored[0].data.firstName);
      }
      expect((await data.run(['audit', 'verify'])).stdout).toContain(`OK: ${data.events.length} event(s)`);
    });

    it('erases the same leads for RETENTION, and only them', async () => {
      const wet = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff]));
      expect(wet).toEqual({ disqualifiedBefore: cutoff, dryRun: false, count: due.length, leads: due });
      // The disqualification notes are about the person too: some of these leads had them.
      expect(data.events.some((e) => e.type === 'LeadDisqualified' && e.data.notes !== null && due.some((l) => e.streamName === `lead-${l.leadId}`))).toBe(true);
      for (const lead of await lastEvents(due)) {
        expect(lead).toMatchObject({ first: null, last: { type: 'PersonErased', data: { leadId: lead.leadId, reason: 'RETENTION' } } });
        expect(lead.notes.every((note) => note === null)).toBe(true);
      }
      for (const lead of await lastEvents(kept)) {
        expect(lead.first).not.toBeNull();
        expect(lead.last.type).not.toBe('PersonErased');
      }
      const audit = await data.run(['audit', 'verify']);
      expect(audit.code).toBe(0);
      expect(audit.stdout).toContain(`OK: ${data.events.length + due.length} event(s)`);
    });

    it('finds no one left to erase on a second run', async () => {
      const again = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff]));
      expect(again).toEqual({ disqualifiedBefore: cutoff, dryRun: false, count: 0, leads: [] });
      expect((await data.run(['audit', 'verify'])).stdout).toContain(`OK: ${data.events.length + due.length} event(s)`);
    });
  });

  describe('usage errors', () => {
    let data: SeededStore;
    let person: Person;
    beforeAll(async () => {
      data = await seeded();
      person = convertedWithOwnEmail(data.events)[0];
    });

    it.each([
      ['both --lead and --contact', () => ['privacy', 'erase', '--lead', person.leadId, '--contact', person.contactId!, '--reason', 'DATA_SUBJECT_REQUEST'], 'exactly one of --lead and --contact'],
      ['neither --lead nor --contact', () => ['privacy', 'erase', '--reason', 'DATA_SUBJECT_REQUEST'], 'exactly one of --lead and --contact'],
      ['an unknown --reason', () => ['privacy', 'erase', '--lead', person.leadId, '--reason', 'BORED'], '"BORED" is not one of'],
      ['export without --email or --phone', () => ['privacy', 'export'], 'give --email, --phone or both'],
    ])('exits 2 for %s, with a message and no output, and erases no one', async (_case, argv, message) => {
      const run = await data.run(argv());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
      const lead = await history(data, 'lead', person.leadId);
      expect(lead.events.map((e) => e.type)).not.toContain('PersonErased');
      expect(lead.state.firstName).toBe(person.firstName);
    });
  });

  describe('on a folder whose read models were never built, or that does not exist', () => {
    let data: SeededStore;
    beforeAll(async () => {
      data = await seeded();
    });

    it('brings the read models up to the log before it answers an access request', async () => {
      const person = convertedWithOwnEmail(data.events)[0];
      const report = json<{ subjects: { subjectId: string }[] }>(await data.run(['privacy', 'export', '--email', person.email!]));
      expect(report.subjects.map((s) => s.subjectId)).toEqual([person.subjectId]);
    });

    it('refuses a data folder without a log instead of answering "nothing held" from a new one', async () => {
      const missing = `${data.dir}/not-there`;
      const run = await data.run(['privacy', 'export', '--email', 'x@example.org'], { CRM_DATA_DIR: missing });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/No event store/);
      expect(existsSync(missing)).toBe(false);
    });
  });
});
