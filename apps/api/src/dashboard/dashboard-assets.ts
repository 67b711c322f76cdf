import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Express, Request, Response } from 'express';

export const DASHBOARD_ASSET_PATH = '/dashboard/assets';

/** The page's own modules: plain browser JavaScript, type-checked and copied into dist by client/tsconfig.json. */
const CLIENT_DIR = join(__dirname, 'client');
const CLIENT_MODULES = readdirSync(CLIENT_DIR).filter((file) => file.endsWith('.js'));

/**
 * Every file the dashboard loads, served from this project's own files: Chart.js's browser build from
 * node_modules (its package exports no package.json, so its entry point locates the folder).
 */
export const DASHBOARD_ASSETS: ReadonlyMap<string, string> = new Map([
  ['chart.umd.min.js', join(dirname(require.resolve('chart.js')), 'chart.umd.min.js')],
  ...CLIENT_MODULES.map((file): [string, string] => [file, join(CLIENT_DIR, file)]),
]);

/** Serves only the listed files (no directory is exposed), cached by the browser for an hour. */
export const mountDashboardAssets = (app: Express): void => {
  app.get(`${DASHBOARD_ASSET_PATH}/:file`, (req: Request, res: Response) => {
    const path = DASHBOARD_ASSETS.get(String(req.params.file));
    if (!path) {
      res.status(404).end();
      return;
    }
    res.sendFile(path, { maxAge: '1h' });
  });
};
