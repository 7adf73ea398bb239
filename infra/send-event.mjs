// Sends a signed order event to the product, as a shop's platform would, for trying it locally:
//   node infra/send-event.mjs <shopId> <type> <orderId> --secret <webhookSecret> [--id <eventId>]
//        [--placed-hours-ago <hours>] [--email <buyer's address>] [--carrier <name>] [--tracking <number>] [--shipment <id>]
//        [--review <id>] [--rating <1..5>] [--text <review text>]
//        [--case <id>] [--kind refund_only|return_refund|exchange] [--opened-hours-ago <hours>] [--escalated]
//        [--url http://127.0.0.1:7071] [--body <file.json>]
// e.g. node infra/send-event.mjs demo-shop order.created A1001 --secret demo-webhook-secret-123 --id evt-1001 --placed-hours-ago 2
//      node infra/send-event.mjs demo-shop order.paid A1001 --secret demo-webhook-secret-123 --id evt-1002
//      node infra/send-event.mjs demo-shop order.shipped A1001 --secret demo-webhook-secret-123 --carrier 顺丰 --tracking SF1234567890
//      node infra/send-event.mjs demo-shop review.posted A1001 --secret demo-webhook-secret-123 --review rv-1 --rating 2 --text '物流太慢了'
//      node infra/send-event.mjs demo-shop case.opened A1001 --secret demo-webhook-secret-123 --case CS-1 --kind refund_only --opened-hours-ago 30
// It signs as the HTTP contract says (README, "Order events"): X-Automation-Timestamp is Unix seconds and
// X-Automation-Signature is sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}" with the shop's webhook secret>.
// Prints the answer's status and body. Needs only Node.js (no openssl, no GNU date).
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    secret: { type: 'string' },
    id: { type: 'string' },
    'placed-hours-ago': { type: 'string', default: '0' },
    // The buyer's address, where a shop with an email channel sends the order's messages.
    email: { type: 'string', default: 'li.lei@example.com' },
    carrier: { type: 'string', default: 'SF Express' },
    tracking: { type: 'string', default: 'SF1234567890' },
    shipment: { type: 'string', default: 'ship-1' },
    review: { type: 'string', default: 'rv-1' },
    rating: { type: 'string', default: '5' },
    text: { type: 'string', default: '' },
    case: { type: 'string', default: 'CS-1' },
    kind: { type: 'string', default: 'refund_only' },
    'opened-hours-ago': { type: 'string', default: '0' },
    escalated: { type: 'boolean', default: false },
    url: { type: 'string', default: 'http://127.0.0.1:7071' },
    body: { type: 'string' },
  },
});
const [shopId, type, orderId] = positionals;
if (!shopId || !type || !orderId || !options.secret) {
  console.error('usage: node infra/send-event.mjs <shopId> <type> <orderId> --secret <webhookSecret> [--id <eventId>] [--placed-hours-ago <hours>] [--email <address>] [--carrier <name>] [--tracking <number>] [--shipment <id>] [--review <id>] [--rating <1..5>] [--text <text>] [--case <id>] [--kind <kind>] [--opened-hours-ago <hours>] [--escalated] [--url <base>] [--body <file.json>]');
  process.exit(2);
}

const placedAt = new Date(Date.now() - Number(options['placed-hours-ago']) * 3600_000);
placedAt.setMilliseconds(0);
const review = {
  id: options.id ?? `evt-${randomUUID()}`,
  type,
  occurredAt: new Date().toISOString(),
  review: {
    id: options.review,
    orderId,
    rating: Number(options.rating),
    text: options.text,
    postedAt: new Date().toISOString(),
    platform: 'taobao',
  },
  // The buyer's details only serve to keep them out of the public reply.
  customer: { id: `c-${orderId}`, name: 'Li Lei' },
};
const openedAt = new Date(Date.now() - Number(options['opened-hours-ago']) * 3600_000);
openedAt.setMilliseconds(0);
const afterSaleCase = {
  id: options.id ?? `evt-${randomUUID()}`,
  type,
  occurredAt: openedAt.toISOString(),
  case: {
    id: options.case,
    orderId,
    kind: options.kind,
    openedAt: openedAt.toISOString(),
    amount: 199.0,
    currency: 'CNY',
    escalated: options.escalated,
  },
};
const event = options.body
  ? JSON.parse(readFileSync(options.body, 'utf8'))
  : type === 'review.posted' ? review
  : type.startsWith('case.') ? afterSaleCase : {
      id: options.id ?? `evt-${randomUUID()}`,
      type,
      occurredAt: (type === 'order.created' ? placedAt : new Date()).toISOString(),
      order: type === 'order.created'
        ? {
            id: orderId,
            placedAt: placedAt.toISOString(),
            total: 199.0,
            currency: 'CNY',
            payUrl: `https://shop.example/pay/${orderId}`,
            // A buyer per order, so that trying several orders does not run into one buyer's contact budget.
            customer: { id: `c-${orderId}`, name: 'Li Lei', email: options.email, locale: 'zh-CN' },
            items: [{ sku: 'HD-M', title: 'Hoodie', quantity: 1, price: 199.0 }],
          }
        : type === 'order.shipped'
          ? { id: orderId, shipment: { id: options.shipment, carrier: options.carrier, trackingNumber: options.tracking } }
          : { id: orderId },
    };

const body = JSON.stringify(event);
const timestamp = Math.floor(Date.now() / 1000).toString();
const signature = createHmac('sha256', options.secret).update(`${timestamp}.${body}`).digest('hex');
const response = await fetch(`${options.url}/api/shops/${encodeURIComponent(shopId)}/events`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-Automation-Timestamp': timestamp,
    'X-Automation-Signature': `sha256=${signature}`,
  },
  body,
});
console.log(`${response.status} ${await response.text()}`);
process.exitCode = response.ok ? 0 : 1;
