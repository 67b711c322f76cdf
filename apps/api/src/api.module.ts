import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApplicationModule, HistoryService, StoresModule, type Stores } from '@crm/application';
import type { Request } from 'express';
import type { Projector } from '@crm/read-models';
import { PROJECTOR } from './shared/projector.token';
import { createRequestContext } from './auth/request-context.factory';
import { RolesGuard } from './auth/roles.guard';
import { VerifiedTokens } from './auth/verified-tokens';
import { formatError } from './errors/format-error';
import { DateTimeScalar } from './graphql/scalars';
import { GraphqlPassThroughFilter } from './errors/graphql-pass-through.filter';
import './graphql/enums';
import { HealthController } from './health/health.controller';
import { AccountMutationsResolver } from './accounts/account-mutations.resolver';
import { AccountResolver } from './accounts/account.resolver';
import { ContactMutationsResolver } from './contacts/contact-mutations.resolver';
import { ContactResolver } from './contacts/contact.resolver';
import { HistoryResolver } from './history/history.resolver';
import { LeadMutationsResolver } from './leads/lead-mutations.resolver';
import { LeadResolver } from './leads/lead.resolver';
import { OpportunityMutationsResolver } from './opportunities/opportunity-mutations.resolver';
import { OpportunityResolver } from './opportunities/opportunity.resolver';
import { EntityReader } from './shared/entity-reader';
import { InputValidationPipe } from './shared/input-validation.pipe';
import { MutationResults } from './shared/mutation-results';
import { PingResolver } from './system/ping.resolver';
import { PersonalDataResolver } from './privacy/personal-data.resolver';
import { PrivacyMutationsResolver } from './privacy/privacy-mutations.resolver';
import { ProjectionsResolver } from './projections/projections.resolver';
import { PipelineResolver } from './pipeline/pipeline.resolver';
import { LeadFunnelResolver } from './funnel/lead-funnel.resolver';
import { AnswerCache } from './shared/answer-cache';
import { ReadModelsService } from './shared/read-models.service';
import { ProjectionCatchUp } from './shared/projection-catch-up';
import { OperationsInFlight } from './shared/operations-in-flight';

/** What the resolvers need of a command bus. */
export type CommandSender = Pick<CommandBus, 'execute'>;

export interface ApiOptions {
  stores: Stores;
  jwtSecret: string;
  projector: Projector;
  /** Where commands run when not in this thread (the embedded process's write worker). */
  commands?: CommandSender;
}

/** Limits that keep one request from monopolising the server: depth, cost, aliases, tokens. */
const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  costLimit: { maxCost: 5000 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  maxTokens: { n: 2000 },
  blockFieldSuggestion: { enabled: false },
}).protect();

/** Longer than any operation takes: a command plus the read-your-writes wait. */
const DRAIN_TIMEOUT_MS = 10_000;

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(private readonly inFlight: OperationsInFlight) {}

  static forRoot(options: ApiOptions): DynamicModule {
    const tokens = new VerifiedTokens(options.jwtSecret);
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
          context: ({ req }: { req: Request }) => createRequestContext(req, tokens),
          formatError,
          // Apollo's cache-control plugin, on by default, hooks every field resolved (a page of 50 nodes
          // resolves hundreds) to compute HTTP cache hints that nothing here sets.
          plugins: [...armor.plugins, inFlight.plugin, ApolloServerPluginCacheControlDisabled()],
          validationRules: [...armor.validationRules],
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PROJECTOR, useValue: options.projector },
        { provide: OperationsInFlight, useValue: inFlight },
        // Declared here, it wins over the CqrsModule's bus for this module's resolvers.
        ...(options.commands ? [{ provide: CommandBus, useValue: options.commands }] : []),
        AnswerCache,
        ReadModelsService,
        EntityReader,
        ProjectionCatchUp,
        HistoryService,
        MutationResults,
        LeadResolver,
        LeadMutationsResolver,
        AccountResolver,
        AccountMutationsResolver,
        ContactResolver,
        ContactMutationsResolver,
        OpportunityResolver,
        OpportunityMutationsResolver,
        HistoryResolver,
        PingResolver,
        PrivacyMutationsResolver,
        PersonalDataResolver,
        ProjectionsResolver,
        PipelineResolver,
        LeadFunnelResolver,
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
