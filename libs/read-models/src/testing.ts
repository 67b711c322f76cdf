/** Helpers for tests of other parts that look at the read models (not part of the product's surface). */
export { snapshot } from './projector/testing/projector-fixtures';
