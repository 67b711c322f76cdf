import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Event-loop turns in a row that must pass with no connection accepted and no request begun. */
const QUIET_TURNS = 2;
/** A server under a steady stream of new connections stops waiting for quiet after this many turns. */
const MAX_TURNS = 50;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Stops an HTTP server without dropping a request that reached the process.
 *
 * Node's own `server.close()` stops listening and at once destroys every connection it sees as idle.
 * A connection the kernel already accepted (still in the listen backlog), or one whose request bytes
 * are in the socket's buffer but not read yet, looks idle, so its request was dropped: the client saw
 * the connection close without an answer. Here the process first lets the event loop accept and read
 * until a turn passes with nothing new, then closes; every request begun by then is answered with
 * `Connection: close`, so its client does not send another on a connection about to close, and its
 * connection ends after the answer. Connections that carry no request are closed; new ones are refused.
 */
export class HttpDrain {
  private closing = false;
  private stopped: Promise<boolean> | null = null;
  /** Changes whenever a connection is accepted or a request begins: what "a quiet turn" is measured by. */
  private activity = 0;
  private readonly unanswered = new Set<ServerResponse>();

  constructor(private readonly server: Server) {
    server.on('connection', () => this.activity++);
    // Before the application's own listener, so a request that arrives while closing is marked at once.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => this.track(response));
  }

  /** Resolves when every connection is closed: true, or false when `timeoutMs` passed and the rest were cut. */
  close(timeoutMs: number): Promise<boolean> {
    this.stopped ??= this.stop(timeoutMs);
    return this.stopped;
  }

  private async stop(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    this.unanswered.forEach((response) => this.markLast(response));
    await this.readWhatArrived();
    return this.closed(timeoutMs);
  }

  private track(response: ServerResponse): void {
    this.activity++;
    this.unanswered.add(response);
    if (this.closing) this.markLast(response);
    response.once('close', () => {
      this.unanswered.delete(response);
      // A connection whose answer went out before the close began is idle again now: nothing is lost by closing it.
      if (this.closing) this.server.closeIdleConnections();
    });
  }

  private markLast(response: ServerResponse): void {
    if (!response.headersSent) response.setHeader('connection', 'close');
  }

  private async readWhatArrived(): Promise<void> {
    let quiet = 0;
    for (let turn = 0; turn < MAX_TURNS && quiet < QUIET_TURNS; turn++) {
      const before = this.activity;
      await nextTurn();
      quiet = this.activity === before ? quiet + 1 : 0;
    }
  }

  private closed(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.server.closeAllConnections();
        resolve(false);
      }, timeoutMs);
      this.server.close(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
