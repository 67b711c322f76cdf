import { startServer, type RunningServer } from '../support/running-server';
import { runner } from '../support/privacy-fixtures';

describe('the contacts email filter, over HTTP against the running process', () => {
  let server: RunningServer;
  let run: ReturnType<typeof runner>;
  let rep: string;
  let contactId: string;

  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    rep = await server.token('rep');
    const accountId = (await run(rep, 'mutation { registerAccount(input: { name: "Touwslagerij Noord B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
    contactId = (await run(rep, `mutation ($a: ID!) { addContact(input: { accountId: $a, firstName: "Joost", lastName: "Zeilmaker",
      email: "Joost.Zeilmaker@Touwslagerij.nl", relationship: EMPLOYEE }) { contact { id email } } }`, { a: accountId })).addContact.contact.id;
  });
  afterAll(async () => server.stop());

  it.each(['joost.zeilmaker@touwslagerij.nl', 'JOOST.ZEILMAKER@TOUWSLAGERIJ.NL', ' Joost.Zeilmaker@Touwslagerij.nl '])(
    'finds a contact whose email was typed in mixed case by %j',
    async (email) => {
      const found = (await run(rep, 'query ($e: String) { contacts(filter: { email: $e }) { totalCount edges { node { id } } } }', { e: email })).contacts;
      expect(found).toEqual({ totalCount: 1, edges: [{ node: { id: contactId } }] });
    },
  );
});
