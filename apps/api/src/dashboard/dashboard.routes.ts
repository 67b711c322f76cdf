import type { Express, Request, Response } from 'express';
import { mountDashboardAssets } from './dashboard-assets';
import { dashboardPage } from './dashboard-page';

/**
 * `GET /dashboard` and its assets. Like GraphiQL, the page itself is open: it holds no data, and every
 * figure it shows is asked of `endpoint` with the reader's own token.
 */
export const mountDashboard = (app: Express, endpoint: string): void => {
  const page = dashboardPage(endpoint);
  app.get('/dashboard', (_req: Request, res: Response) => {
    res.setHeader('content-security-policy', page.contentSecurityPolicy);
    res.type('html').send(page.html);
  });
  mountDashboardAssets(app);
};
