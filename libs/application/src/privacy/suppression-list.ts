import { Inject, Injectable } from '@nestjs/common';
import { Email, Phone, RuleViolation } from '@crm/domain';
import { MasterKey, type KeyStore, type SuppressionKind } from '@crm/key-store';
import { KEY_STORE } from './privacy.tokens';

export interface ContactPoints {
  email?: string | null;
  phone?: string | null;
}

/**
 * Letter case, spacing and the forms the domain folds (a Unicode or fullwidth domain is stored as
 * ASCII) never make another person: "Anne@ＡＣＭＥ.nl " and "anne@acme.nl" are one.
 */
export const normaliseEmail = (email: string): string => {
  const spaced = email.replace(/\s+/g, '');
  try {
    return Email.parse(spaced).toLowerCase();
  } catch {
    return spaced.toLowerCase();
  }
};

/** The E.164 form when the number parses, else its digits (and a leading +): spacing never matters. */
export const normalisePhone = (phone: string): string => {
  try {
    return Phone.parse(phone);
  } catch {
    return phone.replace(/[^\d+]/g, '');
  }
};

/**
 * An erased person's email and phone, kept only as keyed hashes (HMAC-SHA256 under the master key):
 * enough to refuse bringing the person back through a web form or an import, never enough to read.
 */
@Injectable()
export class SuppressionList {
  constructor(
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
    private readonly master: MasterKey,
  ) {}

  hashesOf(points: ContactPoints): { kind: SuppressionKind; hash: string }[] {
    const hashes: { kind: SuppressionKind; hash: string }[] = [];
    if (points.email) hashes.push({ kind: 'EMAIL', hash: this.hashOf('EMAIL', points.email) });
    if (points.phone) hashes.push({ kind: 'PHONE', hash: this.hashOf('PHONE', points.phone) });
    return hashes;
  }

  /** The hashes of every email and phone a person had. */
  hashesOfAll(person: { emails: readonly string[]; phones: readonly string[] }): { kind: SuppressionKind; hash: string }[] {
    return [...person.emails.flatMap((email) => this.hashesOf({ email })), ...person.phones.flatMap((phone) => this.hashesOf({ phone }))];
  }

  hashOf(kind: SuppressionKind, value: string): string {
    return this.master.keyedHash(`${kind}:${kind === 'EMAIL' ? normaliseEmail(value) : normalisePhone(value)}`);
  }

  /** Refuses a command that would record a suppressed email or phone. */
  async assertNotSuppressed(points: ContactPoints): Promise<void> {
    const hashes = this.hashesOf(points);
    if (hashes.length === 0) return;
    const found = await this.keyStore.findSuppressions(hashes.map((h) => h.hash));
    if (found.length === 0) return;
    const what = [...new Set(found.map((s) => (s.kind === 'EMAIL' ? 'email address' : 'phone number')))].join(' and ');
    throw new RuleViolation('PERSON_SUPPRESSED', `This ${what} belongs to an erased person and may not be recorded again`);
  }
}
