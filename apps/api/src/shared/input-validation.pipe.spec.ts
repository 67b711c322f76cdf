import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { ValidationError } from '@crm/domain';
import { CaptureLeadInput, ConvertLeadInput } from '../leads/lead.inputs';
import { ChangeOpportunityStageInput } from '../opportunities/opportunity.inputs';
import { InputValidationPipe } from './input-validation.pipe';

const asInput = (metatype: Function): ArgumentMetadata => ({ type: 'body', metatype: metatype as ArgumentMetadata['metatype'], data: 'input' });
const capture = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.nl', companyName: 'Engines B.V.', source: 'WEB_FORM' };

/** What the pipe made of a value: the instance's class and properties, or the fields it refused. */
const outcomeOf = async (pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata): Promise<unknown> => {
  try {
    const result = (await pipe.transform(value, metadata)) as object;
    return { accepted: result.constructor.name, ...result };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { refused: error.fields };
  }
};

describe('InputValidationPipe', () => {
  let fullPathCalls: jest.SpyInstance;
  beforeEach(() => {
    fullPathCalls = jest.spyOn(ValidationPipe.prototype, 'transform');
  });
  afterEach(() => fullPathCalls.mockRestore());

  it('accepts a flat valid input as its class, without the full class-transformer and class-validator walk', async () => {
    const pipe = new InputValidationPipe();
    const result = await pipe.transform({ ...capture }, asInput(CaptureLeadInput));
    expect(result).toBeInstanceOf(CaptureLeadInput);
    expect(result).toMatchObject(capture);
    expect(fullPathCalls).not.toHaveBeenCalled();
  });

  it('refuses a flat input that breaks a rule through the full validation, naming every field as before', async () => {
    const pipe = new InputValidationPipe();
    await expect(pipe.transform({ ...capture, firstName: 'x'.repeat(201), commandId: 'not-a-uuid' }, asInput(CaptureLeadInput))).rejects.toMatchObject({
      fields: [
        { field: 'firstName', message: 'firstName must be shorter than or equal to 200 characters' },
        { field: 'commandId', message: 'commandId must be a UUID' },
      ],
    });
    expect(fullPathCalls).toHaveBeenCalledTimes(1);
  });

  it('leaves an input with a nested input to the full validation', async () => {
    const pipe = new InputValidationPipe();
    const result = await pipe.transform({ leadId: '0190a4c2-7d1e-7a3b-9c4d-5e6f7a8b9c0d', account: { name: 'Engines' } }, asInput(ConvertLeadInput));
    expect(result).toBeInstanceOf(ConvertLeadInput);
    expect(fullPathCalls).toHaveBeenCalledTimes(1);
  });

  it('accepts and refuses exactly what the full validation alone does, with the same fields and values', async () => {
    const fast = new InputValidationPipe();
    const full = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, exceptionFactory: (errors) => new ValidationError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })))) });
    // Lengths around each limit (200, 320, 500), surrogate pairs that class-validator counts as one character, and wrong kinds.
    const text = fc.oneof(
      { arbitrary: fc.string({ maxLength: 5 }), weight: 8 },
      fc.integer({ min: 195, max: 325 }).map((n) => 'a'.repeat(n)),
      fc.integer({ min: 95, max: 105 }).map((n) => '😀'.repeat(n)),
      fc.constantFrom(null, undefined, 7, true),
    );
    const uuid = fc.oneof({ arbitrary: fc.uuid(), weight: 8 }, fc.constantFrom('not-a-uuid', '', null, undefined, 3, '0190A4C2-7D1E-7A3B-9C4D-5E6F7A8B9C0D'));
    const captureInputs = fc.record({
      firstName: text, lastName: text, email: text, phone: text, jobTitle: text, companyName: text, companyDomain: text, sourceDetail: text,
      ownerId: text, id: uuid, commandId: uuid, source: fc.constantFrom('WEB_FORM', 'REFERRAL', 'web_form', undefined, 1),
      seniority: fc.constantFrom('VP', 'nope', null, undefined), expectedRevision: fc.constantFrom(0, 3, -1, 1.5, '2', null, undefined),
      unknown: fc.constantFrom(undefined, 'x'),
    }, { requiredKeys: [] });
    const stageInputs = fc.record({ opportunityId: uuid, stage: text, commandId: uuid, expectedRevision: fc.constantFrom(0, -1, null) }, { requiredKeys: [] });
    const cases = fc.oneof(
      captureInputs.map((value) => ({ value, metatype: CaptureLeadInput as Function })),
      stageInputs.map((value) => ({ value, metatype: ChangeOpportunityStageInput as Function })),
    );
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(fc.asyncProperty(cases, async ({ value, metatype }) => {
      const expected = await outcomeOf(full, { ...value }, asInput(metatype));
      expect(await outcomeOf(fast, { ...value }, asInput(metatype))).toEqual(expected);
      seen['refused' in (expected as object) ? 'refused' : 'accepted']++;
    }), { numRuns: 1000 });
    // Both sides of the comparison were exercised.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
