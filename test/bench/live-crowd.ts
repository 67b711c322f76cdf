import WebSocket from 'ws';

/**
 * A crowd of subscribers in a process of its own (forked by `LiveCrowd`), so that a thousand sockets'
 * messages never queue in the measuring client's event loop. Each socket speaks graphql-transport-ws
 * as little as a subscriber must: connection_init with the token, one subscribe, pong on ping, and it
 * counts the `next` messages it receives. The parent asks over IPC; every request is answered once.
 */

export interface CrowdSocketSpec {
  query: string;
  variables: Record<string, unknown>;
}

export type CrowdRequest =
  | { id: number; op: 'open'; url: string; token: string; sockets: CrowdSocketSpec[] }
  | { id: number; op: 'counts' }
  | { id: number; op: 'close' };

export interface CrowdCounts {
  sockets: number;
  /** `next` messages received, all sockets together, and the fewest any one socket received. */
  nexts: number;
  fewest: number;
  /** `error` or `complete` messages, and sockets closed by the server: none is expected. */
  refusals: number;
  closedByServer: number;
  firstProblem: string | null;
}

export type CrowdReply = { id: number; result: unknown } | { id: number; error: string };

/** Sockets opened at once: a few dozen keeps the server's accept queue and the handshakes short. */
const OPENING_AT_ONCE = 50;
const OPEN_TIMEOUT_MS = 30_000;

interface Member {
  socket: WebSocket;
  nexts: number;
}

const members: Member[] = [];
let refusals = 0;
let closedByServer = 0;
let closing = false;
let firstProblem: string | null = null;

const problem = (what: string): void => {
  firstProblem ??= what;
};

/** Resolves once the server acknowledged the connection and the subscribe was sent. */
const join = (url: string, token: string, spec: CrowdSocketSpec): Promise<void> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const member: Member = { socket, nexts: 0 };
    const timer = setTimeout(() => reject(new Error('A crowd socket was not acknowledged in time')), OPEN_TIMEOUT_MS);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'next') member.nexts++;
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: spec }));
        members.push(member);
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'error' || message.type === 'complete') {
        refusals++;
        problem(`${message.type}: ${JSON.stringify(message.payload ?? null)}`);
      }
    });
    socket.on('error', (error) => {
      problem(String(error));
      reject(error);
    });
    socket.on('close', (code, reason) => {
      if (closing) return;
      closedByServer++;
      problem(`closed ${code} ${String(reason)}`);
    });
  });

const open = async (url: string, token: string, sockets: CrowdSocketSpec[]): Promise<number> => {
  for (let start = 0; start < sockets.length; start += OPENING_AT_ONCE) {
    await Promise.all(sockets.slice(start, start + OPENING_AT_ONCE).map((spec) => join(url, token, spec)));
  }
  return members.length;
};

const counts = (): CrowdCounts => ({
  sockets: members.length,
  nexts: members.reduce((sum, member) => sum + member.nexts, 0),
  fewest: members.reduce((least, member) => Math.min(least, member.nexts), members.length ? Infinity : 0),
  refusals,
  closedByServer,
  firstProblem,
});

const closeAll = async (): Promise<void> => {
  closing = true;
  const left = members.splice(0);
  await Promise.all(left.map(({ socket }) => new Promise<void>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once('close', () => resolve());
    socket.close(1000);
  })));
  closing = false;
};

const answer = async (request: CrowdRequest): Promise<unknown> => {
  if (request.op === 'open') return open(request.url, request.token, request.sockets);
  if (request.op === 'counts') return counts();
  return closeAll();
};

process.on('message', (request: CrowdRequest) => {
  answer(request).then(
    (result) => process.send!({ id: request.id, result } satisfies CrowdReply),
    (error: unknown) => process.send!({ id: request.id, error: String(error) } satisfies CrowdReply),
  );
});
process.on('disconnect', () => process.exit(0));
