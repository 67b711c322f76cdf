export { ERASURE_REASONS, ErasureReason, SUPPRESSION_KINDS, SuppressionKind } from './privacy.enums';
export { personalFieldsOf, EVENT_TYPES_WITH_PERSONAL_DATA, type PersonalFields } from './personal-fields';
export { parseErasureReason, parseLiftReason, personErased, blankPersonalFields, type PersonErasedFacts, type SuppressionLiftedFacts } from './person-erased';
