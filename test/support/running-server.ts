import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { signToken, type Role } from '@crm/application';
import { startEmbedded, type EmbeddedProcess } from '../../src/embedded';

export interface RunningServer {
  url: string;
  token(role: Role, sub?: string): Promise<string>;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  embedded: EmbeddedProcess;
  /** The process's data folder (events, read models, keys). */
  dataDir: string;
  /** Stops the process (its stores checkpoint and close); `keepData` leaves the data folder for the caller to inspect and remove. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The signing secret of every server these tests start. */
export const SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

export interface ServerOptions {
  workerPreload?: string;
  /** More environment for the process (CRM_CORS_ORIGINS, CRM_JWT_ISSUER, ...). */
  env?: NodeJS.ProcessEnv;
}

/** The real all-in-one process (API + projector) on a free loopback port with a fresh data folder. */
export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  const embedded = await startEmbedded(
    { CRM_DATA_DIR: dataDir, CRM_JWT_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', ...options.env },
    { workerPreload: options.workerPreload ?? join(__dirname, 'ts-register.js') },
  );
  const { port } = embedded.app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    embedded,
    dataDir,
    token: (role, sub = `${role}-1`) => signToken({ sub, roles: [role] }, SECRET),
    gql: async (token, query, variables) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GqlResponse<unknown>['errors'] };
      return { status: response.status, data: (body.data ?? null) as never, errors: body.errors };
    },
    stop: async ({ keepData = false } = {}) => {
      await embedded.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
