import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** The ws:// address of a server's GraphQL endpoint. */
export const liveUrlOf = (httpUrl: string): string => httpUrl.replace(/^http/, 'ws');

export interface ClosedSocket {
  code: number;
  reason: string;
}

/** A real graphql-ws client, as an application would use one, that reports how its socket closed. */
export const liveClient = (httpUrl: string, connectionParams: Record<string, unknown>): { client: Client; closed: Promise<ClosedSocket> } => {
  let onClosed: (closed: ClosedSocket) => void = () => undefined;
  const closed = new Promise<ClosedSocket>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: liveUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    // How the socket closed is what these tests look at (`closed`), not a log line.
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    on: { closed: (event) => onClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  return { client, closed };
};

/** What one subscription received, and a way to wait until it holds enough. */
export class Received<T> {
  readonly items: T[] = [];
  readonly errors: unknown[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.unsubscribe = client.subscribe<T>({ query, variables }, {
      next: (result: ExecutionResult<T>) => {
        if (result.errors) this.errors.push(...result.errors);
        if (result.data) this.items.push(result.data as T);
        this.wake();
      },
      // A refused subscription gets its errors as an `error` message, or as a result with errors only.
      error: (error) => {
        if (Array.isArray(error)) this.errors.push(...error);
        else this.errors.push(error);
        this.wake();
      },
      complete: () => this.wake(),
    });
  }

  /** Resolves once `done` holds of what arrived; fails after `timeoutMs` saying what did arrive. */
  async until(done: (items: readonly T[], errors: readonly unknown[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.items, this.errors)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Not received in ${timeoutMs} ms; got ${JSON.stringify(this.items)} and errors ${JSON.stringify(this.errors)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
