import { assertNever, type LeadEvent, type LeadSource } from '@crm/domain';
import { countDuration, type Histogram } from './funnel-histogram';

/** How far one lead got, as the funnel counts it. Source and capture month never change. */
export type LeadProgress = {
  source: LeadSource;
  captureMonth: string;
  capturedAt: string;
  worked: boolean;
  qualified: boolean;
  disqualified: boolean;
  converted: boolean;
  hoursToQualify: number | null;
  hoursToConvert: number | null;
};

/** A lead's current progress, with the lead's id. */
export type TrackedLead = LeadProgress & { id: string };

/**
 * What the funnel keeps of a lead beyond its source and capture time (which the lead's document
 * holds): what differs from a lead just captured, and no more. A flag is there only once true and a
 * duration once known, so a lead that was only captured keeps `{}`.
 */
export type LeadFunnelFlags = {
  worked?: true;
  qualified?: true;
  disqualified?: true;
  converted?: true;
  hoursToQualify?: number;
  hoursToConvert?: number;
};

/** A lead as the funnel counts it: its id, source and capture time, and the flags kept for it. */
export type FunnelLead = { id: string; source: LeadSource; capturedAt: string; funnel: LeadFunnelFlags };

/** The stored flags read back as the progress they record. */
export const trackedLeadOf = ({ id, source, capturedAt, funnel }: FunnelLead): TrackedLead => ({
  id,
  source,
  captureMonth: monthOf(capturedAt),
  capturedAt,
  worked: funnel.worked === true,
  qualified: funnel.qualified === true,
  disqualified: funnel.disqualified === true,
  converted: funnel.converted === true,
  hoursToQualify: funnel.hoursToQualify ?? null,
  hoursToConvert: funnel.hoursToConvert ?? null,
});

/** The flags to keep for a lead's progress (see LeadFunnelFlags). */
export function funnelFlagsOf(lead: TrackedLead): LeadFunnelFlags {
  const flags: LeadFunnelFlags = {};
  if (lead.worked) flags.worked = true;
  if (lead.qualified) flags.qualified = true;
  if (lead.disqualified) flags.disqualified = true;
  if (lead.converted) flags.converted = true;
  if (lead.hoursToQualify !== null) flags.hoursToQualify = lead.hoursToQualify;
  if (lead.hoursToConvert !== null) flags.hoursToConvert = lead.hoursToConvert;
  return flags;
}

/**
 * An instant written in UTC (`Z`) with a valid time and a day up to the 28th: Date would read it as
 * written, so its month is its first seven characters and parsing it can be skipped.
 */
const PLAIN_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;

/** Capture months are UTC months, whatever offset the instant was written with. */
export const monthOf = (instant: string): string =>
  PLAIN_UTC.test(instant) ? instant.slice(0, 7) : new Date(instant).toISOString().slice(0, 7);

const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export const leadEventMovesFunnel = (event: LeadEvent): boolean =>
  event.type !== 'LeadDetailsUpdated' && event.type !== 'LeadAssigned';

type Flags = Pick<LeadProgress, 'worked' | 'qualified' | 'disqualified' | 'converted' | 'hoursToQualify' | 'hoursToConvert'>;

/** The lead's document with some of its flags and durations changed; source and capture stay. */
function progressed(before: TrackedLead, changes: Partial<Flags>): TrackedLead {
  return {
    id: before.id,
    source: before.source,
    captureMonth: before.captureMonth,
    capturedAt: before.capturedAt,
    worked: changes.worked ?? before.worked,
    qualified: changes.qualified ?? before.qualified,
    disqualified: changes.disqualified ?? before.disqualified,
    converted: changes.converted ?? before.converted,
    hoursToQualify: changes.hoursToQualify ?? before.hoursToQualify,
    hoursToConvert: changes.hoursToConvert ?? before.hoursToConvert,
  };
}

function captured(id: string, source: LeadSource, at: string): TrackedLead {
  return {
    id,
    source,
    captureMonth: monthOf(at),
    capturedAt: at,
    worked: false,
    qualified: false,
    disqualified: false,
    converted: false,
    hoursToQualify: null,
    hoursToConvert: null,
  };
}

/** "Qualified" and "worked" mean ever; a re-qualification keeps the first time to qualify. */
export function nextLeadProgress(before: TrackedLead | null, event: LeadEvent, at: string): TrackedLead | null {
  if (event.type === 'LeadCaptured') return captured(event.data.leadId, event.data.source, at);
  if (before === null) return null;
  switch (event.type) {
    case 'LeadWorkingStarted':
      return progressed(before, { worked: true });
    case 'LeadQualified':
      return progressed(before, { qualified: true, hoursToQualify: before.hoursToQualify ?? hoursBetween(before.capturedAt, at) });
    case 'LeadDisqualified':
      return progressed(before, { disqualified: true });
    case 'LeadReopened':
      return progressed(before, { disqualified: false, worked: true });
    case 'LeadConverted':
      return progressed(before, { converted: true, hoursToConvert: before.hoursToConvert ?? hoursBetween(before.capturedAt, at) });
    case 'LeadDetailsUpdated':
    case 'LeadAssigned':
    case 'PersonErased':
    case 'SuppressionLifted':
      return progressed(before, {});
    default:
      return assertNever(event);
  }
}

/** Same counts and durations: applying the change would rewrite every document as it is. */
export const sameProgress = (a: LeadProgress, b: LeadProgress): boolean =>
  a.source === b.source &&
  a.captureMonth === b.captureMonth &&
  a.capturedAt === b.capturedAt &&
  a.worked === b.worked &&
  a.qualified === b.qualified &&
  a.disqualified === b.disqualified &&
  a.converted === b.converted &&
  a.hoursToQualify === b.hoursToQualify &&
  a.hoursToConvert === b.hoursToConvert;

/**
 * Leads captured from one source in one month (UTC), and how far they got. `disqualified` counts the
 * current state. The durations are flat histograms, `[lower, count, ...]` (see funnel-histogram.ts).
 */
export type LeadFunnelDoc = {
  id: string;
  source: LeadSource;
  captureMonth: string;
  captured: number;
  worked: number;
  qualified: number;
  disqualified: number;
  converted: number;
  hoursToQualify: Histogram;
  hoursToConvert: Histogram;
};

export const funnelId = (source: string, captureMonth: string): string => `source|${source}|${captureMonth}`;

export const emptyFunnel = (source: LeadSource, captureMonth: string): LeadFunnelDoc => ({
  id: funnelId(source, captureMonth),
  source,
  captureMonth,
  captured: 0,
  worked: 0,
  qualified: 0,
  disqualified: 0,
  converted: 0,
  hoursToQualify: [],
  hoursToConvert: [],
});

type Stage = 'worked' | 'qualified' | 'disqualified' | 'converted';

const counted = (lead: LeadProgress | null, stage: Stage): number => (lead !== null && lead[stage] ? 1 : 0);

/** A histogram with one duration added and/or one removed; the same object when they are the same. */
function shiftedHistogram(histogram: Histogram, added: number | null, removed: number | null): Histogram {
  if (added === removed) return histogram;
  const without = removed === null ? histogram : countDuration(histogram, removed, -1);
  return added === null ? without : countDuration(without, added, 1);
}

/** The funnel with one lead's progress added and/or one removed (both of the funnel's source and month). */
export function shiftFunnel(doc: LeadFunnelDoc, added: LeadProgress | null, removed: LeadProgress | null): LeadFunnelDoc {
  const change = (stage: Stage): number => counted(added, stage) - counted(removed, stage);
  return {
    id: doc.id,
    source: doc.source,
    captureMonth: doc.captureMonth,
    captured: doc.captured + (added === null ? 0 : 1) - (removed === null ? 0 : 1),
    worked: doc.worked + change('worked'),
    qualified: doc.qualified + change('qualified'),
    disqualified: doc.disqualified + change('disqualified'),
    converted: doc.converted + change('converted'),
    hoursToQualify: shiftedHistogram(doc.hoursToQualify, added?.hoursToQualify ?? null, removed?.hoursToQualify ?? null),
    hoursToConvert: shiftedHistogram(doc.hoursToConvert, added?.hoursToConvert ?? null, removed?.hoursToConvert ?? null),
  };
}
