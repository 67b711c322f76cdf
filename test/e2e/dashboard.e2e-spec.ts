import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/running-server';
import { CAPTURE, OPEN, QUALIFY, REGISTER, lead, runner, type Data } from '../support/graph-fixtures';
import { MOVEMENT_BUCKETS, openMovementStory, type MovementStory } from '../support/movement-story';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
const reason = existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium package)`;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Not UTC, so that a page reading its date inputs in the wrong time zone asks for the wrong instants. */
const ZONE = 'Europe/Amsterdam';

const MOVEMENT = `query ($from: DateTime!, $to: DateTime!, $filter: PipelineFilter) { pipelineMovement(from: $from, to: $to, filter: $filter) {
  from to currencies { currency ${MOVEMENT_BUCKETS.map((name) => `${name} { count amount { amount currency } }`).join(' ')} } } }`;

/** What a datetime-local input shows for `iso` in ZONE: "2027-03-01T14:05:09". */
const localInput = (iso: string): string => new Date(iso).toLocaleString('sv-SE', { timeZone: ZONE }).replace(' ', 'T');

/** The movement the page drew (its table's rows and the chart's own data, read through Chart.js), and its pipeline chart's stages. */
const drawnMovement = (page: Page): Promise<{ rows: Data[]; labels: string[]; bars: [number, number][]; stages: Array<{ kind: string; amount: number }> }> =>
  page.evaluate(`(() => {
    const chart = Chart.getChart(document.getElementById('movement-chart'));
    const rows = [...document.querySelectorAll('#movement-table tbody tr')].map((row) => ({ ...row.dataset }));
    const stageAmounts = Chart.getChart(document.getElementById('pipeline-chart')).data.datasets[0].data;
    const stages = [...document.querySelectorAll('#pipeline-table tbody tr')].map((row, index) => ({ kind: row.dataset.kind, amount: stageAmounts[index] }));
    return { rows, labels: chart.data.labels, bars: chart.data.datasets[0].data, stages };
  })()`);

describeWithBrowser(`The dashboard in a real browser${reason}`, () => {
  let server: RunningServer;
  let browser: Browser;
  let run: ReturnType<typeof runner>;
  let base: string;
  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    base = server.url.replace('/graphql', '');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh tab on /dashboard that records what the page's policy refused, its errors and any request elsewhere. */
  const openDashboard = async () => {
    const context = await browser.newContext({ timezoneId: ZONE });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => !request.url().startsWith(base) && problems.push(`request to ${request.url()}`));
    await page.goto(`${base}/dashboard`);
    return { page, problems, close: () => context.close() };
  };

  const enterToken = async (page: Page, token: string) => {
    await page.fill('#token', token);
    await page.click('#token-form button[type="submit"]');
  };

  // Selectors and locators, not predicates: the page's policy refuses the eval a string predicate needs.
  const sectionsDrawn = async (page: Page) => {
    for (const id of ['pipeline', 'movement', 'forecast', 'funnel']) await page.waitForSelector(`#${id}[aria-busy="false"] #${id}-table tbody`, { state: 'attached' });
  };
  const alertSays = (page: Page, start: RegExp) => page.locator('#alert', { hasText: start }).waitFor();

  it('serves the page and its scripts from this server, under a policy that runs only its own files', async () => {
    const answer = await fetch(`${base}/dashboard`);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-security-policy')?.split('; ')).toEqual(expect.arrayContaining([
      "default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'",
    ]));
    expect((await fetch(`${base}/dashboard/assets/chart.umd.min.js`)).status).toBe(200);
    expect((await fetch(`${base}/dashboard/assets/dashboard-page.ts`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/assets/..%2Fdashboard-page.ts`)).status).toBe(404);
  });

  it('asks for a token, keeps it in this tab only, and draws the pipeline, forecast and lead funnel GraphQL answers', async () => {
    const rep = await server.token('rep');
    const acme = (await run(rep, REGISTER, { input: { name: 'Acme', kind: 'COMPANY' } })).registerAccount.account.id;
    for (const [name, amount, currency] of [['Ovens', '1200.00', 'EUR'], ['Fryers', '300.50', 'EUR'], ['Grills', '990.00', 'USD']]) {
      await run(rep, OPEN, { input: { accountId: acme, name, amount, currency, expectedCloseDate: '2027-06-30' } });
    }
    const qualified = (await run(rep, CAPTURE, { input: lead('Jansen', 'EVENT') })).captureLead.lead.id;
    await run(rep, QUALIFY, { input: { leadId: qualified } });
    await run(rep, CAPTURE, { input: lead('Bakker', 'WEB_FORM') });

    const { page, problems, close } = await openDashboard();
    await page.waitForSelector('#token-form:not([hidden])');
    await enterToken(page, rep);
    await sectionsDrawn(page);

    const { pipeline } = await run(rep, '{ pipeline { stages { stage kind count amounts { amount currency } } } }');
    const { leadFunnel } = await run(rep, '{ leadFunnel { sources { source captured qualified converted } } }');
    const { forecast } = await run(rep, '{ forecast { rows { period category } } }');
    const drawn = await page.evaluate(`(() => {
      const rows = (id) => [...document.querySelectorAll('#' + id + '-table tbody tr')].map((row) => ({ ...row.dataset }));
      const data = (id) => Chart.getChart(document.getElementById(id + '-chart')).data.datasets.map((set) => set.data);
      return {
        stages: rows('pipeline'), stageAmounts: data('pipeline')[0], forecast: rows('forecast'), funnel: rows('funnel'), funnelBars: data('funnel'),
        errors: [...document.querySelectorAll('.alert')].map((alert) => alert.textContent).filter(Boolean),
        stored: { session: sessionStorage.length, local: localStorage.length, cookie: document.cookie },
      };
    })()`) as Data;

    expect(drawn.errors).toEqual([]);
    expect(drawn.stages).toEqual(pipeline.stages.map((stage: Data) => ({ stage: stage.stage, kind: stage.kind, count: String(stage.count) })));
    expect(drawn.stageAmounts).toEqual(pipeline.stages.map((stage: Data) => Number(stage.amounts.find((money: Data) => money.currency === 'EUR')?.amount ?? 0)));
    expect(drawn.stageAmounts).toContain(1500.5);
    expect(drawn.forecast).toEqual(forecast.rows.map((row: Data) => ({ period: row.period, category: row.category })));
    expect(drawn.funnel).toEqual(leadFunnel.sources.map((source: Data) => ({ source: source.source })));
    expect(drawn.funnelBars.slice(0, 1)).toEqual([leadFunnel.sources.map((source: Data) => source.captured)]);
    expect(drawn.stored).toEqual({ session: 1, local: 0, cookie: '' });
    expect(problems).toEqual([]);
    await close();
  }, 60_000);

  it('draws the movement between two chosen instants as a waterfall whose bars are pipelineMovement\'s buckets, per currency', async () => {
    const story: MovementStory = await openMovementStory(server);
    const { pipelineMovement } = await run(story.token, MOVEMENT, { from: story.from, to: story.to, filter: { pipelineId: story.pipelineId } });
    const eur = pipelineMovement.currencies.find((entry: Data) => entry.currency === 'EUR');
    // The story moves every bucket once: so every bar of the chart is drawn from something.
    expect(Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, eur[name].amount.amount]))).toEqual(story.expectedEur);

    const { page, problems, close } = await openDashboard();
    await enterToken(page, story.token);
    await sectionsDrawn(page);
    await page.selectOption('#pipeline', story.pipelineId);
    await page.fill('#from', localInput(story.from));
    await page.fill('#to', localInput(story.to));
    await page.click('#controls button[type="submit"]');
    await page.waitForSelector(`#movement[aria-busy="false"] #movement-table[data-from="${pipelineMovement.from}"][data-to="${pipelineMovement.to}"]`, { state: 'attached' });

    for (const currency of ['EUR', 'USD']) {
      await page.selectOption('#currency', currency);
      await page.waitForSelector(`#movement-table[data-currency="${currency}"]`, { state: 'attached' });
      const expected = pipelineMovement.currencies.find((entry: Data) => entry.currency === currency);
      const drawn = await drawnMovement(page);
      expect(drawn.rows.map((row) => [row.bucket, row.count, row.amount, row.currency])).toEqual(
        MOVEMENT_BUCKETS.map((name) => [name, String(expected[name].count), expected[name].amount.amount, currency]),
      );
      expect(drawn.labels).toHaveLength(MOVEMENT_BUCKETS.length);
      drawn.bars.forEach(([low, high], index) => expect(high - low).toBeCloseTo(Number(expected[MOVEMENT_BUCKETS[index]].amount.amount), 6));
      // Start and end stand on zero; each change starts where the one before it ended.
      expect([drawn.bars[0][0], drawn.bars[8][0]]).toEqual([0, 0]);
      expect(drawn.bars[7][0]).toBeCloseTo(drawn.bars[8][1], 6);
      // The pipeline chart shows the pipeline as it stood at `to`: its open stages hold the waterfall's end.
      const openAtEnd = drawn.stages.filter((stage) => stage.kind === 'OPEN').reduce((sum, stage) => sum + stage.amount, 0);
      expect(openAtEnd).toBeCloseTo(Number(expected.end.amount.amount), 6);
    }
    expect(problems).toEqual([]);
    await close();
  }, 90_000);

  it('says why it shows nothing: a refused token, a role that may not read the pipeline, no connection', async () => {
    const { page, problems, close } = await openDashboard();
    await enterToken(page, 'not-a-token');
    await alertSays(page, /^UNAUTHENTICATED/);
    expect(await page.isVisible('#token-form')).toBe(true);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    await enterToken(page, await server.token('privacy'));
    await alertSays(page, /^FORBIDDEN/);
    expect(await page.textContent('#alert')).toContain('rep');

    await page.route(`${base}/graphql`, (route) => route.abort('connectionrefused'));
    await enterToken(page, await server.token('rep'));
    await alertSays(page, /^NETWORK/);
    expect(await page.isVisible('#controls')).toBe(true);
    expect(problems).toEqual([]);
    await close();
  }, 60_000);
});
