import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';

/** The files GraphiQL needs, served from our own node_modules: the page works offline, with no CDN. */
export const GRAPHIQL_ASSETS: Record<string, string> = {
  'react.production.min.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.production.min.js': join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.min.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

export const GRAPHIQL_ASSET_PATH = '/graphiql/assets';

/** GraphiQL's start: its headers editor open, with a placeholder bearer token, since every operation needs one. */
const startScript = (endpoint: string): string => `
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    const defaultHeaders = JSON.stringify({ Authorization: 'Bearer <paste the output of: npm run crm -- token --role rep>' }, null, 2);
    const defaultQuery = '# Set your bearer token in the Headers tab below, then run:\\nquery Pipeline {\\n  pipeline {\\n    stages { stage probability count amounts { amount currency } weightedAmounts { amount currency } }\\n  }\\n}\\n';
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery,
        defaultHeaders,
        defaultEditorToolsVisibility: 'headers',
        shouldPersistHeaders: true,
        isHeadersEditorEnabled: true,
      }),
    );
  `;

export interface GraphiqlPage {
  html: string;
  /**
   * The page may run its own assets and its one inline script (by hash), talk to this server only, and
   * be framed by nobody. GraphiQL injects style elements at run time, so styles may be inline; its
   * fonts are data: URLs.
   */
  contentSecurityPolicy: string;
}

/** The GraphiQL page for `endpoint` (`npm run crm -- token --role rep` prints a token to paste in). */
export const graphiqlPage = (endpoint: string): GraphiqlPage => {
  const script = startScript(endpoint);
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  return {
    html: `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Pipeline CRM · GraphiQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${GRAPHIQL_ASSET_PATH}/graphiql.min.css" />
  <script src="${GRAPHIQL_ASSET_PATH}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/graphiql.min.js"></script>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script>${script}</script>
</body>
</html>`,
    contentSecurityPolicy: [
      "default-src 'none'",
      `script-src 'self' 'sha256-${scriptHash}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
  };
};
