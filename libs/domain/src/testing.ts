export { given, type Then, type When } from './shared/testing/given-when-then';
