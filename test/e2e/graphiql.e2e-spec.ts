import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../support/running-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
const reason = existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium package)`;

/** The flags Chromium needs on a machine with no network and no sandbox user namespace (Playwright adds headless and a fresh profile). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describeWithBrowser(`GraphiQL in a real browser${reason}`, () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the page offline, runs a query with a bearer token and shows the answer', async () => {
    const token = await server.token('rep');
    await server.gql(token, 'mutation { captureLead(input: { firstName: "Eva", lastName: "Visser", email: "eva@visser.nl", companyName: "Visser Logistiek", source: EVENT }) { revision } }');
    const page = await browser.newPage();
    // The page's Content-Security-Policy must let GraphiQL do all of this: any refusal shows up here.
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && refusedByPolicy.push(message.text()));
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url.replace('/graphql', ''))) external.push(request.url());
    });
    const query = '{ leads(first: 5) { totalCount edges { node { lastName companyName } } } }';
    const headers = JSON.stringify({ Authorization: `Bearer ${token}` });
    const tabs = JSON.stringify({ tabs: [{ id: 't1', hash: null, title: 'leads', query, variables: null, headers, operationName: null, response: null }], activeTabIndex: 0 });
    // GraphiQL restores its tabs (query and headers) from localStorage, as it does for a returning user.
    await page.addInitScript({
      content: `localStorage.setItem('graphiql:query', ${JSON.stringify(query)});
        localStorage.setItem('graphiql:headers', ${JSON.stringify(headers)});
        localStorage.setItem('graphiql:tabState', ${JSON.stringify(tabs)});`,
    });
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    // A locator waits from Playwright's own isolated script: a predicate polled in the page is evaluated
    // there as a string, which the page's policy (no eval) refuses whenever the answer is not in at once.
    await page.locator('.graphiql-response', { hasText: 'Visser Logistiek' }).waitFor({ timeout: 20_000 });
    const answer = await page.textContent('.graphiql-response');
    expect(answer).toContain('"totalCount": 1');
    expect(external).toEqual([]);
    expect(refusedByPolicy).toEqual([]);
  }, 60_000);
});
