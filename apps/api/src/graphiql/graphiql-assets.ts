import type { Express, Request, Response } from 'express';
import { GRAPHIQL_ASSET_PATH, GRAPHIQL_ASSETS } from './graphiql-page';

/** Serves only the listed files (no directory is exposed), cached by the browser for a day. */
export const mountGraphiqlAssets = (app: Express): void => {
  app.get(`${GRAPHIQL_ASSET_PATH}/:file`, (req: Request, res: Response) => {
    // Own keys only: `constructor` or `__proto__` must be a 404 like any other unknown file, not an object sent as a path.
    const file = String(req.params.file);
    const path = Object.hasOwn(GRAPHIQL_ASSETS, file) ? GRAPHIQL_ASSETS[file] : undefined;
    if (!path) {
      res.status(404).end();
      return;
    }
    res.sendFile(path, { maxAge: '1d' });
  });
};
