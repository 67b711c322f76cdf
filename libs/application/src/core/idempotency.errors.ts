/**
 * A command id sent again with a different input, on a stream where it was already answered:
 * nothing was written. A payment API's idempotency key behaves the same, so a client that reused
 * a key by mistake learns it instead of believing its second command was carried out.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'CONFLICT';
  readonly reason = 'IDEMPOTENCY_KEY_REUSED';

  constructor(
    readonly streamName: string,
    readonly commandId: string,
  ) {
    super(
      `Command ${commandId} was already carried out on ${streamName} with a different input; nothing was written. ` +
        'Send a new commandId for a new command.',
    );
    this.name = new.target.name;
  }
}
