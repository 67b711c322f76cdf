import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { ErasePersonCommand, LiftSuppressionCommand, READ_STORE } from '@crm/application';
import type { ReadStore } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { PRIVACY_OFFICERS, Roles } from '../auth/roles.decorator';
import { MUTATION_INPUT } from '../graphql/argument-descriptions';
import { commandContext, commandData } from '../shared/command-context.factory';
import { ProjectionCatchUp } from '../shared/projection-catch-up';
import { ErasePersonInput, ErasePersonPayload, LiftSuppressionInput, LiftSuppressionPayload } from './privacy.types';

/** The data protection officer's mutations (and admin's). */
@Resolver()
@Roles(...PRIVACY_OFFICERS)
export class PrivacyMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly catchUp: ProjectionCatchUp,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  @Mutation(() => ErasePersonPayload, {
    description:
      'Forgets a person for good (privacy, admin): their key is destroyed, each of their streams records PersonErased, and every email and phone they had is suppressed. Erasing twice is a no-op.',
  })
  async erasePerson(@Args('input', { description: MUTATION_INPUT }) input: ErasePersonInput, @Context() request: RequestContext): Promise<ErasePersonPayload> {
    const outcome = await this.commands.execute(new ErasePersonCommand(commandData(input), commandContext(request, input)));
    // Answered once the read models show the erasure, so a read right after finds nothing of the person,
    // and once their old documents are gone from the read store's files too (where the store can).
    if (await this.catchUp.waitFor(outcome.position, ['leads', 'contacts'])) await this.readStore.purgeFreedSpace();
    return { ...outcome, position: outcome.position?.toString() ?? null };
  }

  @Mutation(() => LiftSuppressionPayload, {
    description: "Lets an erased person's email or phone be recorded again, on the record (privacy, admin).",
  })
  async liftSuppression(@Args('input', { description: MUTATION_INPUT }) input: LiftSuppressionInput, @Context() request: RequestContext): Promise<LiftSuppressionPayload> {
    return { lifted: await this.commands.execute(new LiftSuppressionCommand(commandData(input), commandContext(request, input))) };
  }
}
