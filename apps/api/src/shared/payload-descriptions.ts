/**
 * What the fields every mutation payload shares mean, written once so that each payload tells client
 * developers the same thing (see MutationResults for the behaviour they describe).
 */

/** The entity field of a payload, named by the entity it carries ("contact", "opportunity"). */
export const payloadEntity = (entity: string): string =>
  `The ${entity} as its read model shows it once the write is applied (read-your-writes). ` +
  `If the read models have not caught up within about two seconds the answer comes anyway: then the ${entity} may be stale, or null when just created.`;

export const PAYLOAD_REVISION =
  "The stream's revision (0-based) after the write: the `expectedRevision` for a next write. " +
  'When the command changed nothing (a no-op, or a `commandId` sent again) it is the revision the stream already had.';

export const PAYLOAD_POSITION =
  "The global log position (opaque) of the write's last event, or of the stream's last event when nothing was written.";
