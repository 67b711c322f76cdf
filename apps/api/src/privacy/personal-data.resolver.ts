import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { accessReport, EVENT_STORE } from '@crm/application';
import { ValidationError } from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { PRIVACY_OFFICERS, Roles } from '../auth/roles.decorator';
import { ReadModelsService } from '../shared/read-models.service';
import { PersonalDataReport } from './privacy.types';

/** Access requests: what is held about whoever has this email or phone. */
@Resolver()
@Roles(...PRIVACY_OFFICERS)
export class PersonalDataResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Query(() => PersonalDataReport, {
    description: 'Every data subject with this email or phone, with everything held about them (privacy, admin). Give an email, a phone or both, else BAD_USER_INPUT.',
  })
  async personalData(
    @Args('email', { type: () => String, nullable: true, description: 'An email address of the person; compared in lowercase.' }) email?: string,
    @Args('phone', {
      type: () => String,
      nullable: true,
      description: 'A phone number of the person, in any form that parses; one without a country code ("+") is read as Dutch.',
    })
    phone?: string,
  ): Promise<PersonalDataReport> {
    if (!email && !phone) {
      const message = 'give an email, a phone or both';
      throw new ValidationError([{ field: 'email', message }, { field: 'phone', message }]);
    }
    const subjects = await accessReport({ findAll: (logical, filter) => this.readModels.findAll(logical, filter as never) }, this.events, { email, phone });
    return { subjects: subjects as unknown as PersonalDataReport['subjects'] };
  }
}
