export { ERASURE_REASONS, ErasureReason, SUPPRESSION_KINDS, SuppressionKind } from './privacy.enums';
export { personalFieldsOf, type PersonalFields } from './personal-fields';
export { parseErasureReason, parseLiftReason, personErased, blankPersonalFields, type PersonErasedFacts, type SuppressionLiftedFacts } from './person-erased';
