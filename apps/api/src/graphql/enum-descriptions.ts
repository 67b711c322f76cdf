import type {
  AccountKind, ContactRelationship, ContactRole, ContactStatus, DisqualificationReason, LeadSource, LeadStatus,
  ForecastCategory, LossReason, OpportunityStatus, Seniority, StageKind, StreamType,
} from '@crm/domain';

/** What an enum means and what each of its values means in the sales process; every value must be named. */
export interface EnumDocs<T extends Record<string, string>> {
  description: string;
  values: Record<keyof T, string>;
}

export const LEAD_ENUMS = {
  LeadSource: {
    description: 'Where a lead came from. Set at capture and never changed; the lead funnel counts per source.',
    values: {
      WEB_FORM: 'Filled in a form on one of our websites.',
      EVENT: 'Met at an event, e.g. from a business card or a badge scan.',
      LINKEDIN: 'Found or contacted through LinkedIn.',
      REFERRAL: 'Recommended to us by a customer, partner or colleague.',
      IMPORT: 'Came in with a bulk import of a list.',
      OUTBOUND: 'Found by our own prospecting (cold call or email).',
      OTHER: 'Any other source; `sourceDetail` can say which.',
    },
  } satisfies EnumDocs<typeof LeadSource>,
  LeadStatus: {
    description: 'Where a lead is in its lifecycle: NEW -> WORKING -> QUALIFIED -> CONVERTED, and any open status -> DISQUALIFIED -> WORKING (reopen).',
    values: {
      NEW: 'Captured, not worked yet.',
      WORKING: 'A rep is following it up (started working, or reopened after a disqualification).',
      QUALIFIED: 'Judged worth following up; the only status from which a lead converts.',
      DISQUALIFIED: 'Judged not worth following up, with a reason; `reopenLead` brings it back to WORKING.',
      CONVERTED: 'Became a contact at an account (and maybe an opportunity). Final: the lead no longer changes.',
    },
  } satisfies EnumDocs<typeof LeadStatus>,
  DisqualificationReason: {
    description: 'Why a lead was judged not worth following up.',
    values: {
      NO_BUDGET: 'The organisation has no money for it.',
      NO_NEED: 'The organisation does not need what we sell.',
      NO_AUTHORITY: 'The person cannot decide on or influence a purchase.',
      BAD_TIMING: 'Not now; perhaps later (reopen the lead then).',
      LOST_TO_COMPETITOR: 'They chose or already use a competitor.',
      UNRESPONSIVE: 'The person does not answer.',
      DUPLICATE: 'The same person was already captured as another lead.',
      INVALID_DATA: 'The details are fake or unreachable.',
      OTHER: 'Any other reason; the notes can say which.',
    },
  } satisfies EnumDocs<typeof DisqualificationReason>,
  Seniority: {
    description: 'How senior a person is in their organisation (personal data: null once they are erased).',
    values: {
      C_LEVEL: 'Chief officer or board member (CEO, CFO, CTO, ...).',
      VP: 'Vice president or head of a business unit.',
      DIRECTOR: 'Director of a department.',
      MANAGER: 'Manages a team.',
      INDIVIDUAL_CONTRIBUTOR: 'Works without managing others.',
      OTHER: 'Any other level, or unclear.',
    },
  } satisfies EnumDocs<typeof Seniority>,
};

export const PARTY_ENUMS = {
  AccountKind: {
    description: 'What kind of legal entity an account is.',
    values: {
      COMPANY: 'A business (the default when a lead converts into a new account).',
      FOUNDATION: 'A foundation or other non-profit body.',
      GOVERNMENT: 'A government body or public authority.',
      OTHER: 'Any other legal entity.',
    },
  } satisfies EnumDocs<typeof AccountKind>,
  ContactRelationship: {
    description: 'How a contact is tied to the account they are at.',
    values: {
      EMPLOYEE: 'Employed by the account (the relationship of a contact made by converting a lead).',
      OWNER: 'Owns the account, or part of it.',
      FREELANCER: 'Works there on assignment, without being employed.',
      ADVISOR: 'Advises the account from outside (consultant, board advisor).',
    },
  } satisfies EnumDocs<typeof ContactRelationship>,
  ContactStatus: {
    description: 'Whether a contact still works at their account.',
    values: {
      ACTIVE: 'At the account; counts towards its active contacts.',
      LEFT: 'Left the account. Kept for history and read-only until `moveContact` puts them at an account again.',
    },
  } satisfies EnumDocs<typeof ContactStatus>,
  StreamType: {
    description: 'The kind of entity an event stream belongs to (each entity has a stream of its own).',
    values: {
      LEAD: 'A lead\'s stream.',
      ACCOUNT: 'An account\'s stream.',
      CONTACT: 'A contact\'s stream.',
      OPPORTUNITY: 'An opportunity\'s stream.',
      PIPELINE: 'A pipeline\'s stream: its definition, revisions and archiving.',
    },
  } satisfies EnumDocs<typeof StreamType>,
};

export const OPPORTUNITY_ENUMS = {
  OpportunityStatus: {
    description: 'Whether an opportunity is still open, and how it ended.',
    values: {
      OPEN: 'At one of its pipeline\'s OPEN stages; counts in the open pipeline.',
      WON: 'Won (at its pipeline\'s WON stage, CLOSED_WON in the default pipeline); changes only after `reopenOpportunity`.',
      LOST: 'Lost (at a LOST stage, CLOSED_LOST in the default pipeline), with a reason; changes only after `reopenOpportunity`.',
    },
  } satisfies EnumDocs<typeof OpportunityStatus>,
  ContactRole: {
    description: 'The part a contact plays in an opportunity\'s buying decision.',
    values: {
      DECISION_MAKER: 'Makes the final decision.',
      ECONOMIC_BUYER: 'Controls the budget and signs off the spending.',
      CHAMPION: 'Wants us to win and argues for us inside the account.',
      INFLUENCER: 'Shapes the decision without making it.',
      TECHNICAL_BUYER: 'Judges whether the offer fits technically.',
      USER: 'Will use what is bought.',
    },
  } satisfies EnumDocs<typeof ContactRole>,
  LossReason: {
    description: 'Why an opportunity was lost.',
    values: {
      PRICE: 'Our price was too high.',
      NO_BUDGET: 'The customer had no money for it.',
      NO_DECISION: 'The customer decided nothing and kept things as they were.',
      LOST_TO_COMPETITOR: 'A competitor won the deal (`competitor` can say which).',
      TIMING: 'Not now: the customer postponed.',
      PRODUCT_FIT: 'What we offer did not fit the need.',
      OTHER: 'Any other reason.',
    },
  } satisfies EnumDocs<typeof LossReason>,
};

export const PIPELINE_ENUMS = {
  StageKind: {
    description: 'What a stage of a pipeline is: open, or the end that closing an opportunity reaches.',
    values: {
      OPEN: 'Open: opportunities move between open stages forwards or backwards.',
      WON: 'The one stage `winOpportunity` reaches.',
      LOST: 'A stage `loseOpportunity` reaches; a pipeline may have several (the first is the default).',
    },
  } satisfies EnumDocs<typeof StageKind>,
  ForecastCategory: {
    description: "Where a stage's opportunities count in a forecast, as sales teams commit to it.",
    values: {
      PIPELINE: 'Early: may close, not yet likely.',
      BEST_CASE: 'Could close in the period if things go well.',
      COMMIT: 'The rep commits to closing it in the period.',
      CLOSED: 'Won.',
      OMITTED: 'Left out of the forecast (lost, or not to be counted).',
    },
  } satisfies EnumDocs<typeof ForecastCategory>,
};
