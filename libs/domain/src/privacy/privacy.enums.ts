import { enumOf } from '../shared/enums';

/** Why a person was erased: their own request (GDPR art. 17), the retention policy (art. 5), or another lawful ground. */
export const ERASURE_REASONS = ['DATA_SUBJECT_REQUEST', 'RETENTION', 'OTHER'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
export const ErasureReason = enumOf(ERASURE_REASONS);

/** What of an erased person is kept as a keyed hash, to refuse recording them again. */
export const SUPPRESSION_KINDS = ['EMAIL', 'PHONE'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];
export const SuppressionKind = enumOf(SUPPRESSION_KINDS);
