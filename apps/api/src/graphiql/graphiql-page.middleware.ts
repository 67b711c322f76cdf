import type { NextFunction, Request, Response } from 'express';
import { graphiqlPage } from './graphiql-page';

/** A browser opening the endpoint gets GraphiQL; GraphQL clients (POST, or GET with a query) pass through. */
export const graphiqlPageMiddleware = (endpoint: string) => {
  const page = graphiqlPage(endpoint);
  return (req: Request, res: Response, next: NextFunction): void => {
    const wantsPage = req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return next();
    res.setHeader('content-security-policy', page.contentSecurityPolicy);
    res.type('html').send(page.html);
  };
};
