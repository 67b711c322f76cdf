import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** From the receiver's clock, when the request had been read whole, and when it was answered. */
  receivedAt: number;
  answeredAt: number | null;
}

/**
 * How the receiver answers one request: a status (and body); its status and headers but a body that
 * never ends (`neverEnds`); or never (a timeout on the sender's side).
 */
export type Answer = { status: number; body?: string; headers?: Record<string, string>; neverEnds?: boolean } | 'hang';

/**
 * A webhook receiver on 127.0.0.1 for tests and benches: records every request in arrival order and
 * answers as `answer` says (204 by default). `arrived` resolves when as many requests as asked for
 * came; nothing is timed.
 */
export class LoopbackReceiver {
  readonly requests: ReceivedRequest[] = [];
  private answer: (request: ReceivedRequest) => Answer | Promise<Answer> = () => ({ status: 204 });
  private readonly hanging = new Set<ServerResponse>();
  private readonly watchers: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(path = '/hooks/crm'): Promise<LoopbackReceiver> {
    let receiver: LoopbackReceiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void receiver!.handle({
        method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now(), answeredAt: null,
      }, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const started = new LoopbackReceiver(server, `http://127.0.0.1:${port}${path}`);
    server.on('connection', (socket: Socket) => {
      started.sockets.add(socket);
      socket.on('close', () => started.sockets.delete(socket));
    });
    receiver = started;
    return started;
  }

  /** Connections from senders not closed yet. */
  get openConnections(): number {
    return this.sockets.size;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  answerWith(answer: (request: ReceivedRequest) => Answer | Promise<Answer>): void {
    this.answer = answer;
  }

  /** Resolves once `count` requests in all have arrived. */
  async arrived(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => this.watchers.push(resolve));
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(received: ReceivedRequest, response: ServerResponse): Promise<void> {
    this.requests.push(received);
    for (const watcher of this.watchers.splice(0)) watcher();
    const answer = await this.answer(received);
    if (answer === 'hang') {
      this.hanging.add(response);
      return;
    }
    received.answeredAt = Date.now();
    response.writeHead(answer.status, answer.headers ?? {});
    if (!answer.neverEnds) {
      response.end(answer.body ?? '');
      return;
    }
    this.hanging.add(response);
    response.write(answer.body ?? ' ');
  }
}
