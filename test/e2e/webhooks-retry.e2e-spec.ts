import { Webhook } from 'standardwebhooks';
import { LoopbackReceiver } from '../../libs/application/src/webhooks/testing/loopback-receiver';
import { waitUntil } from '../support/privacy-fixtures';
import { startServer, type RunningServer } from '../support/running-server';

const CREATE_WEBHOOK = 'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }';
const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { position lead { id } } }';
const DELIVERIES = `query ($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id eventType position status attempts lastResponseStatus deliveredAt } } } }`;

interface Delivery { id: string; eventType: string; position: string; status: string; attempts: number; lastResponseStatus: number | null; deliveredAt: string | null }

describe('a webhook receiver on loopback, against the running process', () => {
  let server: RunningServer;
  let receiver: LoopbackReceiver;
  beforeAll(async () => {
    receiver = await LoopbackReceiver.start();
    server = await startServer({ env: { CRM_WEBHOOK_ALLOW_PRIVATE: '1', CRM_WEBHOOK_RETRY_SCHEDULE: '20ms,40ms,80ms', CRM_WEBHOOK_POLL_MS: '20' } });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('gets a delivery signed with the secret shown at creation, again under the same webhook-id after three failures', async () => {
    const admin = await server.token('admin');
    const made = await server.gql<{ createWebhook: { secret: string; webhook: { id: string } } }>(admin, CREATE_WEBHOOK, {
      input: { url: receiver.url, eventTypes: ['LeadCaptured'], description: 'Loopback' },
    });
    expect(made.errors).toBeUndefined();
    const { secret, webhook } = made.data!.createWebhook;
    receiver.answerWith(() => (receiver.requests.length <= 3 ? { status: 503, body: 'busy' } : { status: 204 }));

    const captured = await server.gql<{ captureLead: { position: string; lead: { id: string } } }>(await server.token('rep'), CAPTURE, {
      input: { firstName: 'Fenna', lastName: 'Mulder', email: 'fenna@mulder.example', companyName: 'Tuinen Noord', source: 'WEB_FORM' },
    });
    await receiver.arrived(4);

    const ids = new Set(receiver.requests.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const request of receiver.requests) {
      const body = new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { type: string; data: { position: string; event: { data: Record<string, unknown> } } };
      expect(body).toMatchObject({ type: 'LeadCaptured', data: { position: captured.data!.captureLead.position } });
      expect(body.data.event.data.leadId).toBe(captured.data!.captureLead.lead.id);
      expect(request.body).not.toMatch(/Fenna|Mulder|mulder\.example/);
    }
    const timestamps = receiver.requests.map((request) => Number(request.headers['webhook-timestamp']));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));

    // The delivery log says what happened, once the fourth attempt is recorded.
    let delivery: Delivery | undefined;
    await waitUntil('the fourth attempt is recorded', async () => {
      const log = await server.gql<{ webhookDeliveries: { edges: Array<{ node: Delivery }> } }>(admin, DELIVERIES, { id: webhook.id });
      delivery = log.data!.webhookDeliveries.edges[0]?.node;
      return delivery?.status === 'DELIVERED';
    });
    expect(delivery).toMatchObject({ id: [...ids][0], eventType: 'LeadCaptured', position: captured.data!.captureLead.position, status: 'DELIVERED', attempts: 4 });
  });
});
