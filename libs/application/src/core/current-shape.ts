import { upcastOpportunityEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';

/**
 * An event as the system reads it today, whatever shape it was stored in: opportunity events from
 * before there were several pipelines gain the default pipeline and the closing stage they reached.
 * Applied on the way out of the store the system reads (PersonalDataEventStore), never to what is
 * stored: the hash chain the audit recomputes covers the stored bytes. The same object comes back
 * when there is nothing to add.
 */
export const inCurrentShape = (event: RecordedEvent): RecordedEvent => upcastOpportunityEvent(event);
