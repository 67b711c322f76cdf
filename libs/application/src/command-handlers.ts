import { AssignLeadHandler } from './leads/assign-lead.command';
import { CaptureLeadHandler } from './leads/capture-lead.command';
import { ConvertLeadHandler } from './leads/convert-lead.command';
import { DisqualifyLeadHandler } from './leads/disqualify-lead.command';
import { QualifyLeadHandler } from './leads/qualify-lead.command';
import { ReopenLeadHandler } from './leads/reopen-lead.command';
import { StartWorkingLeadHandler } from './leads/start-working-lead.command';
import { UpdateLeadDetailsHandler } from './leads/update-lead-details.command';
import { AssignAccountHandler } from './accounts/assign-account.command';
import { RegisterAccountHandler } from './accounts/register-account.command';
import { UpdateAccountDetailsHandler } from './accounts/update-account-details.command';
import { AddContactHandler } from './contacts/add-contact.command';
import { MarkContactLeftHandler } from './contacts/mark-contact-left.command';
import { MoveContactHandler } from './contacts/move-contact.command';
import { UpdateContactDetailsHandler } from './contacts/update-contact-details.command';
import { AssignContactRoleHandler } from './opportunities/assign-contact-role.command';
import { AssignOpportunityHandler } from './opportunities/assign-opportunity.command';
import { ChangeOpportunityStageHandler } from './opportunities/change-opportunity-stage.command';
import { LoseOpportunityHandler } from './opportunities/lose-opportunity.command';
import { OpenOpportunityHandler } from './opportunities/open-opportunity.command';
import { ReopenOpportunityHandler } from './opportunities/reopen-opportunity.command';
import { ReviseOpportunityHandler } from './opportunities/revise-opportunity.command';
import { WinOpportunityHandler } from './opportunities/win-opportunity.command';
import { MoveOpportunityToPipelineHandler } from './opportunities/move-opportunity-to-pipeline.command';
import { ArchivePipelineHandler } from './pipelines/archive-pipeline.command';
import { DefinePipelineHandler } from './pipelines/define-pipeline.command';
import { RevisePipelineHandler } from './pipelines/revise-pipeline.command';
import { ErasePersonHandler } from './privacy/erase-person.command';
import { LiftSuppressionHandler } from './privacy/lift-suppression.command';

/** One handler per command of DESIGN.md's table, the pipelines' and the data protection officer's two. */
export const COMMAND_HANDLERS = [
  AssignLeadHandler,
  CaptureLeadHandler,
  ConvertLeadHandler,
  DisqualifyLeadHandler,
  QualifyLeadHandler,
  ReopenLeadHandler,
  StartWorkingLeadHandler,
  UpdateLeadDetailsHandler,
  AssignAccountHandler,
  RegisterAccountHandler,
  UpdateAccountDetailsHandler,
  AddContactHandler,
  MarkContactLeftHandler,
  MoveContactHandler,
  UpdateContactDetailsHandler,
  AssignContactRoleHandler,
  AssignOpportunityHandler,
  ChangeOpportunityStageHandler,
  LoseOpportunityHandler,
  OpenOpportunityHandler,
  ReopenOpportunityHandler,
  ReviseOpportunityHandler,
  WinOpportunityHandler,
  MoveOpportunityToPipelineHandler,
  ArchivePipelineHandler,
  DefinePipelineHandler,
  RevisePipelineHandler,
  ErasePersonHandler,
  LiftSuppressionHandler,
];
