import type { DomainEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import { crmWorkload } from '../testing/crm-workload';
import { EventLog } from '../testing/event-log.fixtures';

/** A realistic log of interleaved lead and opportunity lifecycles, recorded as the event store would. */
export function workloadEvents(events: number, seed: number): RecordedEvent[] {
  const log = new EventLog();
  return [...crmWorkload({ events, seed })].map(({ event }) =>
    log.record({ type: event.type, data: event.data } as DomainEvent, String(event.metadata?.occurredAt)),
  );
}
