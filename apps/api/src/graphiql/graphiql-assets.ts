import type { Express, Request, Response } from 'express';
import { GRAPHIQL_ASSET_PATH, GRAPHIQL_ASSETS } from './graphiql-page';

/** Serves only the listed files (no directory is exposed), cached by the browser for a day. */
export const mountGraphiqlAssets = (app: Express): void => {
  app.get(`${GRAPHIQL_ASSET_PATH}/:file`, (req: Request, res: Response) => {
    const path = GRAPHIQL_ASSETS[String(req.params.file)];
    if (!path) {
      res.status(404).end();
      return;
    }
    res.sendFile(path, { maxAge: '1d' });
  });
};
