import { crmWorkload, seededRng } from './crm-workload';
import { workloadIds } from './workload-ids';

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const VERSION_4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('workload ids', () => {
  it('are version 7 at the given instant, in the order they were made within one instant', () => {
    let now = Date.UTC(2025, 0, 6, 8);
    const newId = workloadIds('time-ordered', seededRng(3), () => now);
    const sameInstant = [newId(), newId(), newId()];
    now += 1;
    const later = newId();
    for (const id of [...sameInstant, later]) expect(id).toMatch(VERSION_7);
    expect(sameInstant.map(msOf)).toEqual([now - 1, now - 1, now - 1]);
    expect(msOf(later)).toBe(now);
    expect([...sameInstant, later]).toEqual([...sameInstant, later].sort());
  });

  it('stay in order past 4,096 ids at one instant and when the clock steps back, and refuse an instant a uuid cannot hold', () => {
    let now = Date.UTC(2025, 0, 6, 8);
    const newId = workloadIds('time-ordered', seededRng(3), () => now);
    const ids = Array.from({ length: 5_000 }, newId);
    now -= 60_000;
    ids.push(newId());
    expect(ids).toEqual([...ids].sort());
    expect(msOf(ids[4_095])).toBe(Date.UTC(2025, 0, 6, 8));
    expect(msOf(ids[4_096])).toBe(Date.UTC(2025, 0, 6, 8) + 1);
    expect(workloadIds('time-ordered', seededRng(3), () => -1)).toThrow(RangeError);
    expect(workloadIds('time-ordered', seededRng(3), () => 2 ** 48)).toThrow(RangeError);
  });

  it('follow the workload business clock, so its events and entities sort by time, and a seed gives the same ids', () => {
    const events = [...crmWorkload({ events: 5_000, seed: 11 })];
    const ids = events.map(({ event }) => event.id);
    expect(ids).toEqual([...ids].sort());
    for (const { event } of events) expect(msOf(event.id)).toBe(Date.parse(String(event.metadata.occurredAt)));
    const leads = events.filter(({ event }) => event.type === 'LeadCaptured').map(({ event }) => String(event.data.leadId));
    expect(leads.length).toBeGreaterThan(100);
    expect(leads).toEqual([...leads].sort());
    expect([...crmWorkload({ events: 5_000, seed: 11 })].map(({ event }) => event.id)).toEqual(ids);
  });

  it('are version 4 when asked for random ids, as logs written before time-ordered ids hold', () => {
    const events = [...crmWorkload({ events: 500, seed: 11, ids: 'random' })];
    for (const { event } of events) expect(event.id).toMatch(VERSION_4);
    const timeOrdered = [...crmWorkload({ events: 500, seed: 11 })];
    expect(events.map(({ event }) => event.type)).toEqual(timeOrdered.map(({ event }) => event.type));
  });
});
