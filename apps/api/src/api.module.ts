import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApplicationModule, HistoryService, LiveFeed, PipelineReports, READ_STORE, ReadModelsAsOf, StoresModule, TIMELINE_SOURCE, WEBHOOK_TARGET_RULES, WebhookRegistry,
  type Stores, type TokenPolicy, type WebhookTargetRules,
} from '@crm/application';
import type { Request } from 'express';
import { TimelineKeeper, type Projector, type ReadStore } from '@crm/read-models';
import { PROJECTOR } from './shared/projector.token';
import { createRequestContext } from './auth/request-context.factory';
import { accessRulesPlugin } from './auth/access-rules.plugin';
import { RolesGuard } from './auth/roles.guard';
import { VerifiedTokens } from './auth/verified-tokens';
import { formatError } from './errors/format-error';
import { inputErrorsPlugin } from './errors/input-errors.plugin';
import { armor, PARSE_OPTIONS } from './limits/armor';
import { costLimitPlugin } from './limits/cost-limit.plugin';
import { SCHEMA_BUILD_OPTIONS, transformPublicSchema } from './graphql/schema-build-options';
import { API_RESOLVERS } from './schema/api-resolvers';
import { GraphqlPassThroughFilter } from './errors/graphql-pass-through.filter';
import './graphql/enums';
import { HealthController } from './health/health.controller';
import { EntityReader } from './shared/entity-reader';
import { AsOfReader } from './graph/as-of-reader';
import { GraphReader } from './graph/graph-reader';
import { PipelineDefinitions } from './pipelines/pipeline-definitions.service';
import { TimelineWarmUp } from './pipeline-history/timeline-warm-up';
import { CurrentPipeline } from './pipeline/current-pipeline';
import { LiveFeedLifecycle } from './live/live-feed.lifecycle';
import { PipelineChanges } from './live/pipeline-changes';
import { InputValidationPipe } from './shared/input-validation.pipe';
import { MutationResults } from './shared/mutation-results';
import { AnswerCache } from './shared/answer-cache';
import { ReadModelsService } from './shared/read-models.service';
import { ProjectionCatchUp } from './shared/projection-catch-up';
import { OperationsInFlight } from './shared/operations-in-flight';

/** What the resolvers need of a command bus. */
export type CommandSender = Pick<CommandBus, 'execute'>;

export interface ApiOptions {
  stores: Stores;
  jwtSecret: string;
  /** Issuer, audience and clock tolerance a token must meet; the defaults check neither issuer nor audience. */
  tokenPolicy?: TokenPolicy;
  projector: Projector;
  /** Where commands run when not in this thread (the embedded process's write worker). */
  commands?: CommandSender;
  /** Most changes one subscription may have waiting before it is cut off as too slow. */
  liveMaxQueued?: number;
  /** CRM_WEBHOOK_ALLOW_PRIVATE=1: webhooks may target private, loopback and link-local addresses (refused by default). */
  allowPrivateWebhookTargets?: boolean;
}


/** Longer than any operation takes: a command plus the read-your-writes wait. */
const DRAIN_TIMEOUT_MS = 10_000;

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(private readonly inFlight: OperationsInFlight) {}

  static forRoot(options: ApiOptions): DynamicModule {
    const tokens = new VerifiedTokens(options.jwtSecret, options.tokenPolicy);
    const inFlight = new OperationsInFlight();
    return {
      module: ApiModule,
      imports: [
        StoresModule.forStores(options.stores),
        ApplicationModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: false,
          introspection: true,
          // No automatic persisted queries: a cache any caller could fill, for a saving this API does not need.
          persistedQueries: false,
          context: ({ req }: { req: Request }) => createRequestContext(req, tokens),
          formatError,
          // Apollo's cache-control plugin, on by default, hooks every field resolved (a page of 50 nodes
          // resolves hundreds) to compute HTTP cache hints that nothing here sets.
          plugins: [...armor.plugins, accessRulesPlugin(), costLimitPlugin(), inFlight.plugin, inputErrorsPlugin, ApolloServerPluginCacheControlDisabled()],
          validationRules: [...armor.validationRules],
          parseOptions: PARSE_OPTIONS,
          buildSchemaOptions: SCHEMA_BUILD_OPTIONS,
          transformSchema: transformPublicSchema,
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PROJECTOR, useValue: options.projector },
        { provide: VerifiedTokens, useValue: tokens },
        // Follows the log as stored (nothing is decrypted to say what changed), woken by the projector's news.
        {
          provide: LiveFeed,
          useFactory: (projector: Projector) => new LiveFeed(options.stores.storedEvents, projector.readModels, { signals: projector.signals, maxQueued: options.liveMaxQueued }),
          inject: [PROJECTOR],
        },
        LiveFeedLifecycle,
        CurrentPipeline,
        PipelineChanges,
        { provide: OperationsInFlight, useValue: inFlight },
        // Declared here, it wins over the CqrsModule's bus for this module's resolvers.
        ...(options.commands ? [{ provide: CommandBus, useValue: options.commands }] : []),
        AnswerCache,
        ReadModelsService,
        EntityReader,
        ProjectionCatchUp,
        HistoryService,
        ReadModelsAsOf,
        AsOfReader,
        GraphReader,
        PipelineDefinitions,
        // Every report of the pipeline through time reads one copy of the opportunities' timelines, kept in memory.
        { provide: TIMELINE_SOURCE, useFactory: (projector: Projector, store: ReadStore) => new TimelineKeeper(projector.readModels, store), inject: [PROJECTOR, READ_STORE] },
        PipelineReports,
        TimelineWarmUp,
        MutationResults,
        { provide: WEBHOOK_TARGET_RULES, useValue: { allowPrivate: options.allowPrivateWebhookTargets === true } satisfies WebhookTargetRules },
        WebhookRegistry,
        ...API_RESOLVERS,
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: GraphqlPassThroughFilter },
      ],
    };
  }

  /**
   * Runs after HTTP closed and before the stores close (the global StoresModule's hook runs last):
   * operations whose clients hung up still finish against open stores.
   */
  async onApplicationShutdown(): Promise<void> {
    if (await this.inFlight.drained(DRAIN_TIMEOUT_MS)) return;
    new Logger('Shutdown').warn(`${this.inFlight.count} GraphQL operation(s) still running after ${DRAIN_TIMEOUT_MS} ms: closing the stores under them`);
  }
}
