import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type * as GraphqlWsOverWs from 'graphql-ws/dist/use/ws';
import type { Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ValidationError } from '@crm/domain';
import type { RequestContext } from '../auth/request-user';
import type { VerifiedTokens } from '../auth/verified-tokens';
import { formatError } from '../errors/format-error';
import { closeReason, LIVE_CLOSE } from './close-codes';
import { authenticateConnection, ConnectionRefused, type ConnectionIdentity } from './connection-auth';
import { checkSubscription, type SubscribeRequest } from './subscription-operation';

export interface LiveServerOptions {
  schema: GraphQLSchema;
  tokens: VerifiedTokens;
  /** Where subscriptions are served: the path GraphQL answers HTTP on. */
  path: string;
  /** Most subscriptions one socket may run at once. */
  maxSubscriptions?: number;
}

/** A client message is a subscribe with its document and variables: 64 KiB is far more than any needs. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const DEFAULT_MAX_SUBSCRIPTIONS = 100;
/** Pings this often; a client that has not answered the last one by the next is gone. */
const KEEP_ALIVE_MS = 12_000;
/** How long a stopping server waits for clients to answer its close before dropping them. */
const CLOSE_GRACE_MS = 1_000;
/** setTimeout's longest wait: a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Extra = GraphqlWsOverWs.Extra;
type LiveContext = Context<Record<string, unknown>, Extra>;

/**
 * graphql-ws publishes its adapter for `ws` under a package export (`graphql-ws/use/ws`) that this
 * project's module resolution ("node") does not read: the types come from the file, the code through
 * Node's own resolution of the export.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof GraphqlWsOverWs;

/**
 * GraphQL subscriptions over graphql-ws (`graphql-transport-ws`) on the API's own HTTP server and
 * path. Apollo's plugins do not run here, so the socket authenticates in `connection_init`, every
 * subscription passes the same limits, validation and role rules as an HTTP request
 * (`checkSubscription`), and errors are formatted by the same `formatError`.
 */
export class LiveServer {
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly identities = new WeakMap<LiveContext, ConnectionIdentity>();
  private readonly disposable: { dispose(): void | Promise<void> };
  private stopping = false;

  private constructor(private readonly options: LiveServerOptions) {
    this.disposable = useServer<Record<string, unknown>>({
      schema: options.schema,
      // Never an internal error's text in a close reason, whatever NODE_ENV says.
      isProd: true,
      onConnect: (ctx) => this.connect(ctx),
      onSubscribe: (ctx, _id, payload) => this.subscribe(ctx, payload),
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(format) } : undefined),
    }, this.sockets, KEEP_ALIVE_MS);
  }

  static mount(server: Server, options: LiveServerOptions): LiveServer {
    const live = new LiveServer(options);
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => live.upgrade(request, socket, head));
    return live;
  }

  get connections(): number {
    return this.sockets.clients.size;
  }

  /** Closes every socket (1001, so clients reconnect elsewhere and resume) and takes no new ones. */
  async close(): Promise<void> {
    this.stopping = true;
    const open = [...this.sockets.clients];
    for (const socket of open) socket.close(LIVE_CLOSE.GOING_AWAY, 'The server is stopping: reconnect and resume with after');
    await Promise.race([Promise.all(open.map(closed)), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    for (const socket of this.sockets.clients) socket.terminate();
    await this.disposable.dispose();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== this.options.path || this.stopping) {
      socket.end(`HTTP/1.1 ${this.stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.sockets.emit('connection', ws, request));
  }

  private async connect(ctx: LiveContext): Promise<boolean> {
    const socket = ctx.extra.socket;
    try {
      const identity = await authenticateConnection(ctx.connectionParams, this.options.tokens);
      this.identities.set(ctx, identity);
      closeAtExpiry(socket, identity.expiresAt);
      return true;
    } catch (error) {
      if (!(error instanceof ConnectionRefused)) throw error;
      socket.close(LIVE_CLOSE.UNAUTHORIZED, closeReason(error.message));
      return false;
    }
  }

  private subscribe(ctx: LiveContext, payload: SubscribeRequest): ReturnType<typeof checkSubscription> | readonly GraphQLError[] {
    const identity = this.identities.get(ctx);
    if (identity === undefined) return [new GraphQLError('The connection is not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
    const max = this.options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
    if (Object.keys(ctx.subscriptions).length > max) {
      const error = ValidationError.field('id', `At most ${max} subscriptions may run on one socket: complete one first, or open another socket`);
      return [new GraphQLError(error.message, { originalError: error })];
    }
    const checked = checkSubscription(this.options.schema, payload, identity.user);
    if (isRefusal(checked)) return checked;
    const socket = ctx.extra.socket;
    const contextValue: RequestContext = {
      user: identity.user,
      authProblem: null,
      correlationId: randomUUID(),
      loaders: new Map(),
      live: { close: (code, reason) => socket.close(code, closeReason(reason)) },
    };
    return { ...checked, contextValue };
  }
}

const isRefusal = (value: ReturnType<typeof checkSubscription>): value is readonly GraphQLError[] => Array.isArray(value);

const format = (error: GraphQLError) => formatError(error.toJSON(), error);

/** A socket stays authenticated only as long as its token: at its expiry it is closed with 4401. */
const closeAtExpiry = (socket: WebSocket, expiresAt: number | null): void => {
  if (expiresAt === null) return;
  const wait = expiresAt - Date.now();
  const timer = setTimeout(() => {
    if (wait > MAX_TIMER_MS) closeAtExpiry(socket, expiresAt);
    else socket.close(LIVE_CLOSE.UNAUTHORIZED, 'The bearer token expired: connect again with a new one');
  }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
};

const closed = (socket: WebSocket): Promise<void> =>
  socket.readyState === socket.CLOSED ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
