import type { PersonalDataCodec } from '../privacy/personal-data-codec';
import { accountDecider, accountStream, type AccountCommand, type AccountEvent, type AccountState } from '@crm/domain';
import { uuidV7At } from '../core/event-ids';
import { seededFakers, type Fakers } from './seed-fakers';
import { newOrganisation, type Organisation } from './seed-organisations';
import { SeededRandom } from './seeded-random';
import { StreamCursor } from './stream-cursor';

export type AccountCursor = StreamCursor<AccountCommand, AccountEvent, AccountState>;

const DAY = 24 * 3600_000;

/**
 * Everything the stories share: the seeded random sources, the organisations leads work at and the
 * accounts registered so far (the only streams one story may touch after another).
 */
/** Colleagues a converted lead's new account may get in its story. */
export const MAX_COLLEAGUES = 3;

export class SeedWorld {
  readonly random: SeededRandom;
  readonly fakers: Fakers;
  readonly start: number;
  private readonly organisations: Organisation[] = [];
  private readonly accounts = new Map<string, AccountCursor>();
  private readonly accountIds: string[] = [];

  constructor(
    /** Encrypts what the seed records about people; the subjects' keys are made ahead (`subjectsOf`). */
    readonly personalData: PersonalDataCodec,
    readonly seed: number,
    /** Business time at which the seeded history ends (exclusive). */
    readonly end: number,
    months = 12,
  ) {
    this.random = new SeededRandom(seed);
    this.fakers = seededFakers(seed);
    this.start = end - Math.round(months * 30.4 * DAY);
  }

  /**
   * The data subject of lead `index`, derived from the seed like every id. Its keys are made before
   * the lead's story is told, so before its business time is known: the subject's instant is the
   * period's start plus the lead's index in milliseconds, which orders subjects as their keys are
   * written (in index order) and is the same whenever it is asked for.
   */
  subjectOfLead(index: number): string {
    return this.id(this.start + index, 'lead', index, 'subject');
  }

  subjectOfColleague(index: number, colleague: number): string {
    return this.id(this.start + index, 'lead', index, 'colleague', colleague, 'subject');
  }

  /** Every subject the stories of these leads may record: their keys are made in one write before. */
  subjectsOf(fromIndex: number, toIndex: number): string[] {
    const subjects: string[] = [];
    for (let index = fromIndex; index < toIndex; index++) {
      subjects.push(this.subjectOfLead(index));
      for (let k = 0; k < MAX_COLLEAGUES; k++) subjects.push(this.subjectOfColleague(index, k));
    }
    return subjects;
  }

  /**
   * A version 7 uuid at business time `at`, derived from the seed: the same seed and end give the
   * same ids, ordered by when the things they name happened, as the server's own ids are.
   */
  id(at: number, ...parts: (string | number)[]): string {
    return uuidV7At(at, 'seed', String(this.seed), ...parts.map(String));
  }

  /** An organisation that already has leads (about a third of the time) or a new one. */
  organisationForLead(): Organisation {
    if (this.organisations.length > 20 && this.random.chance(0.35)) return this.random.pick(this.organisations);
    const organisation = newOrganisation(this.random, this.fakers);
    this.organisations.push(organisation);
    return organisation;
  }

  /**
   * The first working moment (weekdays, 07:00-17:00 UTC) at or after `at`, keeping its minutes and
   * seconds: people capture, call and close during office hours.
   */
  workingTime(at: number): number {
    const date = new Date(at);
    const hour = date.getUTCHours();
    if (hour >= 17) date.setUTCDate(date.getUTCDate() + 1);
    if (hour >= 17 || hour < 7) date.setUTCHours(7 + (hour % 3));
    const weekday = date.getUTCDay();
    if (weekday === 6 || weekday === 0) date.setUTCDate(date.getUTCDate() + (weekday === 6 ? 2 : 1));
    return date.getTime();
  }

  account(accountId: string): AccountCursor | undefined {
    return this.accounts.get(accountId);
  }

  newAccount(accountId: string): AccountCursor {
    const cursor = new StreamCursor(accountStream(accountId), accountDecider);
    this.accounts.set(accountId, cursor);
    this.accountIds.push(accountId);
    return cursor;
  }

  /** An account other than `except` that existed at `at`, or null after a few misses. */
  otherAccountAt(at: number, except: string): AccountCursor | null {
    for (let attempt = 0; attempt < 5 && this.accountIds.length > 1; attempt++) {
      const cursor = this.accounts.get(this.random.pick(this.accountIds));
      if (cursor && cursor.state.status !== 'Unknown' && cursor.state.accountId !== except && cursor.lastAt <= at) return cursor;
    }
    return null;
  }
}

