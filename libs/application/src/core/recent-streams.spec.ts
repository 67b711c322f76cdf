import { RecentStreams, type StreamSnapshot } from './recent-streams';

const decider = {};
const snapshotAt = (revision: number): StreamSnapshot<string> => ({ state: `at ${revision}`, revision, lastHash: null, lastPosition: BigInt(revision), commands: new Map() });
const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Remembers each stream after a command and asks for it again, as the next command on it would. */
const rememberAndAskAgain = (recent: RecentStreams, streams: readonly string[]): void => {
  for (const stream of streams) {
    recent.remember(decider, stream, snapshotAt(1));
    recent.get(decider, stream);
  }
};

describe('RecentStreams', () => {
  it('keeps the streams commands come back to through a burst of streams written once', () => {
    const recent = new RecentStreams(10);
    const deals = names('opportunity', 8);
    for (const deal of deals) recent.remember(decider, deal, snapshotAt(1));
    for (const deal of deals) expect(recent.get(decider, deal)).toEqual(snapshotAt(1));
    for (const lead of names('lead', 100)) recent.remember(decider, lead, snapshotAt(0));
    for (const deal of deals) expect(recent.get(decider, deal)?.revision).toBe(1);
    expect(recent.size).toBe(10);
    expect(recent.get(decider, 'lead-99')?.revision).toBe(0);
    expect(recent.get(decider, 'lead-0')).toBeUndefined();
  });

  it('lets streams written once use the whole room while none was asked for again, least recently used out', () => {
    const recent = new RecentStreams(10);
    const streams = names('lead', 11);
    for (const stream of streams.slice(0, 10)) recent.remember(decider, stream, snapshotAt(0));
    expect(recent.size).toBe(10);
    recent.remember(decider, streams[10], snapshotAt(0));
    expect(recent.size).toBe(10);
    expect(recent.get(decider, streams[0])).toBeUndefined();
    for (const stream of streams.slice(1)) expect(recent.get(decider, stream)).toBeDefined();
  });

  it('moves the least recently used of the streams asked for again back to probation, not out', () => {
    const recent = new RecentStreams(5);
    const streams = names('opportunity', 5);
    rememberAndAskAgain(recent, streams);
    // Four fit in the protected part: the first asked for went back to probation, and goes out first.
    expect(recent.size).toBe(5);
    recent.remember(decider, 'lead-0', snapshotAt(0));
    expect(recent.size).toBe(5);
    expect(recent.get(decider, 'opportunity-0')).toBeUndefined();
    for (const stream of [...streams.slice(1), 'lead-0']) expect(recent.get(decider, stream)).toBeDefined();
  });

  it('takes the least recently asked for out of the protected part, not the oldest remembered', () => {
    const recent = new RecentStreams(5);
    const streams = names('opportunity', 4);
    rememberAndAskAgain(recent, streams);
    recent.get(decider, 'opportunity-0');
    recent.remember(decider, 'opportunity-4', snapshotAt(1));
    recent.get(decider, 'opportunity-4');
    // opportunity-1 was asked for longest ago: it is on probation now, and the next new stream takes its place.
    recent.remember(decider, 'lead-0', snapshotAt(0));
    expect(recent.get(decider, 'opportunity-1')).toBeUndefined();
    for (const stream of ['opportunity-0', 'opportunity-2', 'opportunity-3', 'opportunity-4', 'lead-0']) expect(recent.get(decider, stream)).toBeDefined();
  });

  it('keeps a stream remembered again on probation until it is asked for, and gives it to no other decider', () => {
    const recent = new RecentStreams(5);
    recent.remember(decider, 'lead-a', snapshotAt(0));
    recent.remember(decider, 'lead-a', snapshotAt(1));
    expect(recent.get({}, 'lead-a')).toBeUndefined();
    for (const lead of names('lead', 4)) recent.remember(decider, lead, snapshotAt(0));
    // Still on probation (a wrong decider does not move it): the oldest there, the first out.
    recent.remember(decider, 'lead-b', snapshotAt(0));
    expect(recent.get(decider, 'lead-a')).toBeUndefined();
    expect(recent.size).toBe(5);
  });

  it('answers the newest snapshot remembered, only to the decider that folded it, and nothing once forgotten', () => {
    const recent = new RecentStreams(4);
    recent.remember(decider, 'opportunity-1', snapshotAt(1));
    recent.get(decider, 'opportunity-1');
    recent.remember(decider, 'opportunity-1', snapshotAt(2));
    expect(recent.get(decider, 'opportunity-1')?.revision).toBe(2);
    expect(recent.get({}, 'opportunity-1')).toBeUndefined();
    recent.remember(decider, 'lead-1', snapshotAt(0));
    recent.forget('opportunity-1');
    recent.forget('lead-1');
    expect(recent.get(decider, 'opportunity-1')).toBeUndefined();
    expect(recent.get(decider, 'lead-1')).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it('holds one snapshot at a capacity of one', () => {
    const recent = new RecentStreams(1);
    recent.remember(decider, 'a', snapshotAt(1));
    expect(recent.get(decider, 'a')?.revision).toBe(1);
    recent.remember(decider, 'b', snapshotAt(2));
    expect(recent.size).toBe(1);
    expect(recent.get(decider, 'a')).toBeUndefined();
    expect(recent.get(decider, 'b')?.revision).toBe(2);
  });
});
