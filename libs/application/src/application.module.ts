import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStore } from './core/aggregate-store';
import { Clock, SystemClock } from './core/clock';
import { StreamFacts } from './core/stream-facts';
import { COMMAND_HANDLERS } from './command-handlers';
import { LeadConversionProcess } from './leads/lead-conversion.process';
import { LeadConversionRunner } from './leads/lead-conversion.runner';
import { PipelineRevisionProcess } from './pipelines/pipeline-revision.process';
import { PipelineRevisionRunner } from './pipelines/pipeline-revision.runner';
import { RevisionMoves } from './pipelines/revision-moves';
import { ErasureProcess } from './privacy/erasure.process';
import { PersonStreams } from './privacy/person-streams';
import { SuppressionList } from './privacy/suppression-list';

/**
 * Every use case of the write side. Needs EVENT_STORE and PROCESS_CHECKPOINTS from the process
 * that imports it (the all-in-one process, the API, the projector or the command line).
 */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    AggregateStore,
    StreamFacts,
    { provide: Clock, useClass: SystemClock },
    LeadConversionProcess,
    LeadConversionRunner,
    RevisionMoves,
    PipelineRevisionProcess,
    PipelineRevisionRunner,
    PersonStreams,
    ErasureProcess,
    SuppressionList,
    ...COMMAND_HANDLERS,
  ],
  exports: [CqrsModule, AggregateStore, Clock, StreamFacts, LeadConversionRunner, PipelineRevisionRunner, ErasureProcess, SuppressionList],
})
export class ApplicationModule {}
