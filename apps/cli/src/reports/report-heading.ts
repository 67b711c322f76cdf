/** What a report is about, printed above a table and carried in its JSON. */
export interface ReportHeading {
  pipeline: { id: string; name: string };
  /** Opportunities of this owner only (null: everyone's). */
  ownerId: string | null;
  currency: string | null;
  /** Close months, inclusive (`YYYY-MM`). */
  closeFrom: string | null;
  closeTo: string | null;
}

/** The filter in JSON, every key always there so a consumer never has to test for its presence. */
export const filterJson = (heading: ReportHeading) => ({
  ownerId: heading.ownerId,
  currency: heading.currency,
  closeFrom: heading.closeFrom,
  closeTo: heading.closeTo,
});

/** "pipeline Sales (<id>), owner rep-1, EUR only, closing from 2026-01, closing up to 2026-03". */
export const describeScope = (heading: ReportHeading): string => {
  const parts = [`pipeline ${heading.pipeline.name} (${heading.pipeline.id})`];
  if (heading.ownerId !== null) parts.push(`owner ${heading.ownerId}`);
  if (heading.currency !== null) parts.push(`${heading.currency} only`);
  if (heading.closeFrom !== null) parts.push(`closing from ${heading.closeFrom}`);
  if (heading.closeTo !== null) parts.push(`closing up to ${heading.closeTo}`);
  return parts.join(', ');
};

/** Code-unit order, the same on every machine and locale (unlike localeCompare). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
