import { createHash } from 'node:crypto';
import { DASHBOARD_ASSET_PATH } from './dashboard-assets';
import { DASHBOARD_STYLE } from './dashboard-style';

export interface DashboardPage {
  html: string;
  /**
   * The page runs only its own files (no inline script), styles only with its own stylesheet (by hash),
   * talks to this server only and is framed by nobody. Chart.js sizes its canvases through the CSSOM,
   * which a style-src policy does not govern.
   */
  contentSecurityPolicy: string;
}

/** One chart: its canvas for the eye, and the figures drawn as a table for screen readers and tests. */
const chartSection = (id: string, title: string, canvasLabel: string): string => `
    <section id="${id}" aria-labelledby="${id}-title" aria-busy="false">
      <h2 id="${id}-title">${title}</h2>
      <p class="caption" id="${id}-caption"></p>
      <div class="chart"><canvas id="${id}-chart" role="img" aria-label="${canvasLabel}">The figures are in the table below.</canvas></div>
      <p class="alert" id="${id}-error" role="alert"></p>
      <details><summary>Figures</summary><table id="${id}-table"></table></details>
    </section>`;

const body = (endpoint: string): string => `
  <h1>Pipeline CRM · Dashboard</h1>
  <p class="alert" id="alert" role="alert"></p>
  <form id="token-form" hidden>
    <label>Bearer token <input id="token" name="token" type="password" autocomplete="off" size="60" required /></label>
    <button type="submit">Use this token</button>
    <p class="hint">Kept in this browser tab only. <code>npm run crm -- token --role rep</code> prints one.</p>
  </form>
  <form id="controls" hidden>
    <label>Pipeline <select id="pipeline" name="pipeline"></select></label>
    <label>From <input id="from" name="from" type="datetime-local" step="1" required /></label>
    <label>To <input id="to" name="to" type="datetime-local" step="1" required /></label>
    <label>Currency <select id="currency" name="currency"></select></label>
    <label>Forecast by <select id="period" name="period"><option value="MONTH">Month</option><option value="QUARTER">Quarter</option></select></label>
    <button type="submit">Show</button>
    <button type="button" id="forget-token">Forget token</button>
    <p class="hint">Times are this browser's local time.</p>
  </form>
  <main data-endpoint="${endpoint}">${[
    chartSection('pipeline', 'Pipeline by stage', 'Bar chart: amount and number of opportunities per stage'),
    chartSection('movement', 'Movement between the two dates', 'Waterfall chart: from the pipeline at the start to the pipeline at the end'),
    chartSection('forecast', 'Forecast', 'Stacked bar chart: open amounts per close period and forecast category, and amounts won'),
    chartSection('funnel', 'Lead funnel', 'Bar chart: leads captured, worked, qualified and converted per source'),
  ].join('')}
  </main>`;

/** The dashboard for the GraphQL API at `endpoint`: every figure comes from GraphQL, with the reader's token. */
export const dashboardPage = (endpoint: string): DashboardPage => {
  const styleHash = createHash('sha256').update(DASHBOARD_STYLE, 'utf8').digest('base64');
  return {
    html: `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Pipeline CRM · Dashboard</title>
  <style>${DASHBOARD_STYLE}</style>
  <script src="${DASHBOARD_ASSET_PATH}/chart.umd.min.js"></script>
  <script type="module" src="${DASHBOARD_ASSET_PATH}/dashboard.js"></script>
</head>
<body>${body(endpoint)}
  <noscript>The dashboard draws its charts with JavaScript.</noscript>
</body>
</html>`,
    contentSecurityPolicy: [
      "default-src 'none'",
      "script-src 'self'",
      `style-src 'sha256-${styleHash}'`,
      "img-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
  };
};
