import { Injectable } from '@nestjs/common';
import type { StreamType } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import {
  ACCOUNTS, CONTACTS, LEADS, OPPORTUNITIES, PIPELINE_DEFINITIONS, accountsProjection, contactsProjection, leadsProjection, opportunitiesProjection,
  pipelineDefinitionDocOf, pipelineDefinitionsProjection, replayProjection, type Doc, type PipelineDefinitionDoc, type Projection,
} from '@crm/read-models';
import { HistoryService } from './history.service';

const inLogOrder = (events: RecordedEvent[]): RecordedEvent[] => events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));

/**
 * Read-model documents as they stood at an instant: the entity's own stream (and, for an opportunity,
 * its account's, which names it) up to that instant, replayed through the read model's projection in
 * memory. Every field is the projection's own computation as of then, timestamps included; null when
 * the entity did not exist yet. An account's figures count other streams: see `accountFiguresAt`.
 */
@Injectable()
export class ReadModelsAsOf {
  constructor(private readonly history: HistoryService) {}

  lead(id: string, instant: Date): Promise<Doc | null> {
    return this.replay(leadsProjection, LEADS, 'LEAD', id, instant);
  }

  contact(id: string, instant: Date): Promise<Doc | null> {
    return this.replay(contactsProjection, CONTACTS, 'CONTACT', id, instant);
  }

  /** The account's own fields, with figures of zero. */
  account(id: string, instant: Date): Promise<Doc | null> {
    return this.replay(accountsProjection, ACCOUNTS, 'ACCOUNT', id, instant);
  }

  /** With its account's name as of the same instant. */
  async opportunity(id: string, instant: Date): Promise<Doc | null> {
    const own = await this.history.eventsAsOf('OPPORTUNITY', id, instant);
    if (own.length === 0) return null;
    const account = await this.history.eventsAsOf('ACCOUNT', String(own[0].data.accountId), instant);
    return replayProjection(opportunitiesProjection, inLogOrder([...own, ...account])).get(OPPORTUNITIES, id);
  }

  /**
   * A pipeline's definition as it stood then: what its stages meant at that instant. The default
   * pipeline is there from the start, as shipped until its first revision.
   */
  async pipelineDefinition(id: string, instant: Date): Promise<PipelineDefinitionDoc | null> {
    const found = (await this.replay(pipelineDefinitionsProjection, PIPELINE_DEFINITIONS, 'PIPELINE', id, instant)) as PipelineDefinitionDoc | null;
    return pipelineDefinitionDocOf(id, found);
  }

  private async replay(projection: Projection, collection: string, type: StreamType, id: string, instant: Date): Promise<Doc | null> {
    return replayProjection(projection, await this.history.eventsAsOf(type, id, instant)).get(collection, id);
  }
}
