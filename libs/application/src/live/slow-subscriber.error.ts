/**
 * A live subscriber fell more than its bound behind: what it had waiting was dropped, so it must
 * subscribe again with `after` set to the last position it received (nothing is then missed).
 * Not a DomainError: it is no refusal of input but the end of a stream, which the edge closes.
 */
export class SlowSubscriberError extends Error {
  readonly code = 'SLOW_SUBSCRIBER';

  constructor(readonly queued: number) {
    super(`Subscriber too slow: more than ${queued} changes waiting; reconnect with after: <last position received>`);
    this.name = new.target.name;
  }
}
