import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';

/* eslint-disable @typescript-eslint/no-require-imports */
const transformerMetadata = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadataStorage }).defaultMetadataStorage;

type InputClass = new () => object;
/** The input as the class's instance when every rule holds, else null (the full validation then names what is wrong). */
export type FlatInputCheck = (value: Record<string, unknown>) => object | null;

interface PropertyRules {
  /** `@IsOptional()` and the like: the property's rules run only when these all say so. */
  conditions: ((object: object, value: unknown) => boolean)[];
  rules: { metadata: ValidationMetadata; validate(value: unknown, args: ValidationArguments): unknown }[];
}

const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

/**
 * The rules class-validator would run on an input of `type`, grouped by property, when they are all
 * ones this check runs as class-validator does: a condition (`@IsOptional`) or a synchronous rule
 * (`@IsString`, `@MaxLength`, `@IsUUID`, ...) on the value itself, without groups, `each` or a
 * message of its own; and class-transformer has nothing to do for the class. Otherwise null.
 */
const rulesOf = (type: InputClass): Map<string, PropertyRules> | null => {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type, '', false, false, undefined);
  if (metadatas.length === 0 || transformerMetadata.getExposedMetadatas(type).length > 0 || transformerMetadata.getExcludedMetadatas(type).length > 0) return null;
  const byProperty = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    const { propertyName } = metadata;
    if (metadata.groups?.length || metadata.always !== undefined || metadata.each || metadata.validateIf || metadata.context) return null;
    if (transformerMetadata.findTypeMetadata(type, propertyName) || transformerMetadata.findTransformMetadatas(type, propertyName, 0).length > 0) return null;
    const property = byProperty.get(propertyName) ?? { conditions: [], rules: [] };
    byProperty.set(propertyName, property);
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      property.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
      continue;
    }
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION) return null;
    const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
    if (constraints.length !== 1 || constraints[0].async) return null;
    property.rules.push({ metadata, validate: (value, args) => constraints[0].instance.validate(value, args) });
  }
  return byProperty;
};

/**
 * A quick acceptance of the common input: a plain object of plain values (no nested input, list,
 * date or decimal) for a class whose rules are all simple (see rulesOf). It builds the instance as
 * class-transformer does for such a class (the class's own fields, then the input's properties) and
 * runs class-validator's own rule functions on it, so it accepts exactly what the full validation
 * accepts. It never refuses: any doubt (an unknown property, a failing rule, a rule it does not run)
 * answers null, and the full validation runs and names every offending field as always.
 */
export const flatInputCheckOf = (type: InputClass): FlatInputCheck | null => {
  const rules = rulesOf(type);
  if (rules === null) return null;
  const targetName = type.name;
  return (value) => {
    const entity = new type() as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (!rules.has(key) || !isPrimitive(value[key])) return null;
      entity[key] = value[key];
    }
    for (const key of Object.keys(entity)) if (!rules.has(key)) return null;
    for (const [property, { conditions, rules: checks }] of rules) {
      const propertyValue = entity[property];
      if (!conditions.every((condition) => condition(entity, propertyValue))) continue;
      for (const { metadata, validate } of checks) {
        const args: ValidationArguments = { targetName, property, object: entity, value: propertyValue, constraints: metadata.constraints };
        if (validate(propertyValue, args) !== true) return null;
      }
    }
    return entity;
  };
};
