import { join } from 'node:path';
import { RELEVANCE, SqliteReadStore, askedWords, type Doc, type FindOptions, type ReadStore, type WriteOp } from '@crm/read-models';
import { LEAD_SEARCH, leadsProjection } from '../../libs/read-models/src/projections/leads/leads.projection';
import { storedWords } from '../../libs/read-models/src/store/search/search-words';
import { LEADS, leadDocs } from './search-bench-data';
import { tempDir, type BenchRow } from './bench-kit';

const LEAD_COUNT = Number(process.env.BENCH_SEARCH_LEADS ?? 100_000);
const UPDATE_ROUNDS = 5;
const UPDATES_PER_ROUND = 4_000;
const BATCH = 1_000;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The median milliseconds of a call, over as many calls as fit in ~0.4 s (at least 5, after one warm-up):
 * the machine is shared, and a mean would carry whatever else ran meanwhile.
 */
const msPerCall = async (fn: () => Promise<unknown>): Promise<number> => {
  await fn();
  const started = performance.now();
  const times: number[] = [];
  while (times.length < 5 || (performance.now() - started < 400 && times.length < 200)) {
    const call = performance.now();
    await fn();
    times.push(performance.now() - call);
  }
  return median(times);
};

/** As the projector builds a collection: documents first, indexes (and the search index) after. */
const load = async (store: ReadStore, name: string, docs: Doc[], search: boolean): Promise<number> => {
  const started = performance.now();
  const options = search ? { search: LEAD_SEARCH } : {};
  await store.ensureCollection(name, leadsProjection.collections[LEADS], { ...options, deferIndexes: true });
  for (let i = 0; i < docs.length; i += 5_000) await store.writeBatch(docs.slice(i, i + 5_000).map((doc) => ({ kind: 'upsert', collection: name, doc })));
  await store.ensureCollection(name, leadsProjection.collections[LEADS], options);
  return (performance.now() - started) / 1000;
};

/**
 * Writes as the projector makes them (upserts in batches of BATCH), into the searchable collection and
 * the same one without search, in alternating rounds of other documents each: the median of each, in
 * CPU microseconds per document (the store works on the calling thread; wall time would count the
 * other processes of this shared machine too).
 */
const cpuPerWrite = async (store: ReadStore, docs: Doc[], change: (doc: Doc) => Doc): Promise<{ searchable: number; plain: number }> => {
  const rates: Record<'leads' | 'plain', number[]> = { leads: [], plain: [] };
  for (let round = 0; round < UPDATE_ROUNDS; round++) {
    const changed = docs.slice(round * UPDATES_PER_ROUND, (round + 1) * UPDATES_PER_ROUND).map(change);
    for (const name of round % 2 === 0 ? (['leads', 'plain'] as const) : (['plain', 'leads'] as const)) {
      const started = process.cpuUsage();
      for (let i = 0; i < changed.length; i += BATCH) await store.writeBatch(changed.slice(i, i + BATCH).map((doc): WriteOp => ({ kind: 'upsert', collection: name, doc })));
      const used = process.cpuUsage(started);
      rates[name].push((used.user + used.system) / changed.length);
    }
  }
  return { searchable: median(rates.leads), plain: median(rates.plain) };
};

/** The most and the median frequent word of a field, among words of at least four letters. */
function wordsOf(docs: Doc[], field: string): { common: string; typical: string } {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const word of new Set(storedWords(String(doc[field] ?? '')))) if (word.length >= 4) counts.set(word, (counts.get(word) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { common: byCount[0][0], typical: byCount[Math.floor(byCount.length / 2)][0] };
}

/**
 * Search over LEAD_COUNT leads on SQLite, each figure beside a list page without search on the same
 * store and run: first pages (50, with totalCount) of typical and broad searches, a later page, and
 * what the search index costs the projector's writes and a rebuild's load.
 */
export async function benchSearch(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-search-');
  const store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
  try {
    const docs = leadDocs(LEAD_COUNT);
    const plainLoad = await load(store, 'plain', docs, false);
    const searchLoad = await load(store, 'leads', docs, true);
    const rows: BenchRow[] = [{ name: `load and index ${LEAD_COUNT} leads, with the search index`, value: searchLoad, unit: 's', baseline: { name: 'without', value: plainLoad } }];

    const baseline = { name: 'list page (status, newest first)', value: await msPerCall(() => store.find('leads', { filter: { status: 'NEW' }, sort: [{ field: 'capturedAt', direction: 'desc' }] })) };
    const page = (text: string, extra: FindOptions = {}) => store.find('leads', { filter: { $search: text }, sort: [{ field: RELEVANCE, direction: 'desc' }, { field: 'capturedAt', direction: 'desc' }], ...extra });
    const last = wordsOf(docs, 'lastName');
    const company = wordsOf(docs, 'companyName');
    const someone = docs[Math.floor(docs.length / 3)];
    const workDomain = docs.map((doc) => String(doc.email ?? '').split('@')[1]).find((domain) => domain && !/gmail|outlook|hotmail|ziggo|kpnmail/.test(domain)) as string;
    const searches: Array<[string, string]> = [
      ['a typical last name', last.typical],
      ['the most common last name', last.common],
      ['first and last name', `${someone.firstName} ${someone.lastName}`],
      ['a company word', company.typical],
      ['a company e-mail domain', workDomain],
      ['three letters of the most common last name', last.common.slice(0, 3)],
      ['a free-mail domain (broad)', 'gmail.com'],
      ['one letter (broadest)', 'a'],
    ];
    for (const [what, text] of searches) {
      const { totalCount } = await page(text);
      rows.push({ name: `search ${what}: "${askedWords(text).join(' ')}", ${totalCount} found`, value: await msPerCall(() => page(text)), unit: 'ms/page', baseline });
    }
    const second = (await page(last.common)).endCursor;
    rows.push({ name: `search "${last.common}", the next page by cursor`, value: await msPerCall(() => page(last.common, { after: second })), unit: 'ms/page', baseline });
    rows.push({ name: `search "${last.common}" ordered by capture date`, value: await msPerCall(() => store.find('leads', { filter: { $search: last.common }, sort: [{ field: 'capturedAt', direction: 'desc' }] })), unit: 'ms/page', baseline });

    const added = await cpuPerWrite(store, docs, (doc) => ({ ...doc, id: `${doc.id}-new` }));
    rows.push({ name: 'projector inserts (new leads)', value: added.searchable, unit: 'us CPU/doc', baseline: { name: 'without search', value: added.plain } });
    const status = await cpuPerWrite(store, docs, (doc) => ({ ...doc, status: 'WORKING', revision: 1 }));
    rows.push({ name: 'projector updates, words unchanged (status)', value: status.searchable, unit: 'us CPU/doc', baseline: { name: 'without search', value: status.plain } });
    const renamed = await cpuPerWrite(store, docs.slice(UPDATE_ROUNDS * UPDATES_PER_ROUND), (doc) => ({ ...doc, lastName: `${doc.lastName}-Jansen`, revision: 2 }));
    rows.push({ name: 'projector updates, words changed (last name)', value: renamed.searchable, unit: 'us CPU/doc', baseline: { name: 'without search', value: renamed.plain } });
    return rows;
  } finally {
    await store.close();
    tmp.cleanup();
  }
}
