import { matchesFilter, type UnreadableEvent } from '@crm/event-store';
import type { BatchApplier } from './batch-applier';
import type { ProjectionTarget } from './projection-target';

/**
 * A handler for the log's `onUnreadable`: the event is parked in each target whose projection reads
 * its type and stream, as an event its `apply` failed on would be, so `projections status` counts it
 * and it can be looked at, instead of being skipped with only a warning.
 */
export const parkUnreadableIn =
  (lanes: readonly { target: ProjectionTarget; applier: BatchApplier }[]) =>
  (unreadable: UnreadableEvent): void => {
    for (const { target, applier } of lanes) {
      if (matchesFilter({ streamId: unreadable.streamName, type: unreadable.type }, target.projection.filter)) applier.parkUnreadable(unreadable);
    }
  };
