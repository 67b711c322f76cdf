import * as application from '@crm/application';
import * as domain from '@crm/domain';
import * as eventStore from '@crm/event-store';
import * as keyStore from '@crm/key-store';
import * as readModels from '@crm/read-models';
import { errorClassesOf, reviveError as reviveAs, type SerializedError } from '@crm/read-models';

export { serializeError, type SerializedError } from '@crm/read-models';

/**
 * Every error class the libraries export, by name: a command can throw any of them, and the API maps
 * them to public codes with instanceof, so each must come back as an instance of its own class.
 */
const ERROR_CLASSES = errorClassesOf(application, domain, eventStore, keyStore, readModels);

/** The error as an instance of the class it was thrown as (a plain Error for classes not exported). */
export const reviveError = (serialized: SerializedError): Error => reviveAs(serialized, ERROR_CLASSES);
