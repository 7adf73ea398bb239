// A stand-in for a shop's messaging endpoint and for agents' chat robots, for trying the product locally:
//   node infra/dev-sink.mjs [port] [--secret <whsec_…>]…      (default port 7072; --secret may be given more than once)
// Prints every message the product delivers (path, webhook-id, whether its signature is valid, text) and answers
// 200 with a body every robot format reads as success (errcode 0 for WeCom and DingTalk). Any path works, so each
// agent can have their own (http://127.0.0.1:7072/agents/wang), whatever the channel type.
// Customer messages and webhook task lists are signed as Standard Webhooks; the sink checks them as a receiver would,
// against each --secret in turn: valid when one of them signed it, within 5 minutes of now.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { secret: { type: 'string', multiple: true, default: [] } },
});
const port = Number(positionals[0] ?? 7072);
const keys = options.secret.map(keyOf);
const toleranceSeconds = 5 * 60;
const seen = new Set();

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    // Robot formats (WeCom, DingTalk, Slack) carry no id: a message without one is never a repeat of another.
    const key = req.headers['webhook-id'] ?? req.headers['idempotency-key'] ?? '';
    const repeat = key !== '' && seen.has(key) ? ' (repeat of a webhook-id already seen)' : '';
    if (key !== '') seen.add(key);
    let text = body;
    try { text = readable(JSON.parse(body)); } catch { /* not JSON: print as is */ }
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} id=${key}${repeat} signature=${signature(req.headers, raw)}\n  ${text}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true,"errcode":0,"errmsg":"ok"}');
  });
}).listen(port, '127.0.0.1', () => console.log(`dev sink listening on http://127.0.0.1:${port}/messages`
  + (keys.length === 0 ? ' (no --secret: signatures are not checked)' : ` (checking signatures with ${keys.length} secret(s))`)));

// The Standard Webhooks check: HMAC-SHA256 over "{id}.{timestamp}.{raw body}", base64, compared in constant time
// with each "v1,…" entry of webhook-signature (space-separated, as the spec allows several).
function signature(headers, raw) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const header = headers['webhook-signature'];
  if (!id && !timestamp && !header) return 'none';
  if (!id || !timestamp || !header) return 'invalid (a webhook-id, webhook-timestamp or webhook-signature header is missing)';
  if (keys.length === 0) return 'unchecked';
  if (!/^\d{1,12}$/.test(timestamp)) return 'invalid (webhook-timestamp is not Unix seconds)';
  const offBy = Math.abs(Date.now() / 1000 - Number(timestamp));
  const given = header.split(' ').filter((s) => s.startsWith('v1,')).map((s) => Buffer.from(s.slice(3), 'utf8'));
  for (const key of keys) {
    const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.`).update(raw).digest('base64'), 'utf8');
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) {
      return offBy > toleranceSeconds ? `invalid (signed ${Math.round(offBy)} s away from now)` : 'valid';
    }
  }

  return 'invalid (no v1 signature matches a --secret)';
}

// The HMAC key of a secret, read as the product reads it: a whsec_ secret's base64 bytes (24 to 64 of them, in
// canonical base64), otherwise the UTF-8 bytes of a plain secret saved before whsec_ secrets were required.
function keyOf(secret) {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : null;
  if (encoded !== null && /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length % 4 === 0) {
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.toString('base64') === encoded && bytes.length >= 24 && bytes.length <= 64) return bytes;
  }

  return Buffer.from(secret, 'utf8');
}

// The text a person would see: a customer message's text, a robot's markdown, Slack's blocks, or the product's own
// task-list JSON as one line per task.
function readable(json) {
  if (typeof json.text === 'string' && !json.blocks) return json.text;
  if (json.msgtype === 'markdown') return json.markdown.content ?? `${json.markdown.title}\n${json.markdown.text}`;
  if (Array.isArray(json.blocks)) {
    return json.blocks.map((b) => b.text?.text ?? (b.fields ?? []).map((f) => f.text).join(' | ')).filter(Boolean).join('\n');
  }
  if (Array.isArray(json.tasks)) {
    return [`${json.agentId}: ${json.headline ?? ""}`, ...json.tasks.map((t) => `  ${t.rank ?? ''} ${t.taskId} (${t.reason ?? t.kind})`)].join('\n');
  }
  return JSON.stringify(json);
}
