// A stand-in for a shop's messaging endpoint, its SMTP server and agents' chat robots, for trying the product locally:
//   node infra/dev-sink.mjs [port] [smtpPort] [--secret <whsec_…>]…   (defaults 7072 and 2525; --secret may repeat)
// Prints every message the product delivers (path, webhook-id, whether its signature is valid, text) and answers
// 200 with a body every robot format reads as success (errcode 0 for WeCom and DingTalk). Any path works, so each
// agent can have their own (http://127.0.0.1:7072/agents/wang), whatever the channel type.
// Customer messages and webhook task lists are signed as Standard Webhooks; the sink checks them as a receiver would,
// against each --secret in turn: valid when one of them signed it, within 5 minutes of now.
// On smtpPort it is a plain SMTP server (no TLS, so the shop's security is "none"; any username and password sign
// in) that takes every mail and prints its envelope, Message-ID, subject and text part.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { secret: { type: 'string', multiple: true, default: [] } },
});
const port = Number(positionals[0] ?? 7072);
const smtpPort = Number(positionals[1] ?? 2525);
const keys = options.secret.map(keyOf);
const toleranceSeconds = 5 * 60;
const seen = new Set();
const seenMessageIds = new Set();

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

// --- SMTP: just enough of RFC 5321 for the product's mail client (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT).
createTcpServer((socket) => {
  let buffered = '';
  let envelope = { from: '', to: [] };
  let inData = false;
  let authStep = null; // AUTH LOGIN asks for the username, then the password
  const reply = (line) => socket.write(line + '\r\n');
  reply('220 dev-sink SMTP ready');
  socket.setEncoding('latin1'); // bytes as they are; decoded per part below
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffered += chunk;
    for (;;) {
      if (inData) {
        const end = buffered.indexOf('\r\n.\r\n');
        if (end < 0) return;
        const data = buffered.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
        buffered = buffered.slice(end + 5);
        inData = false;
        printMail(envelope, data);
        envelope = { from: '', to: [] };
        reply('250 2.0.0 taken');
        continue;
      }
      const eol = buffered.indexOf('\r\n');
      if (eol < 0) return;
      const line = buffered.slice(0, eol);
      buffered = buffered.slice(eol + 2);
      const verb = line.split(' ')[0].toUpperCase();
      if (authStep) { authStep = authStep === 'user' ? (reply('334 UGFzc3dvcmQ6'), 'password') : (reply('235 2.7.0 signed in'), null); continue; }
      if (verb === 'EHLO') { reply('250-dev-sink'); reply('250-AUTH PLAIN LOGIN'); reply('250 8BITMIME'); }
      else if (verb === 'HELO') reply('250 dev-sink');
      else if (verb === 'AUTH' && /^AUTH LOGIN/i.test(line)) { authStep = 'user'; reply('334 VXNlcm5hbWU6'); }
      else if (verb === 'AUTH' && line.trim().split(/\s+/).length === 2) { authStep = 'password'; reply('334 '); }
      else if (verb === 'AUTH') reply('235 2.7.0 signed in');
      else if (verb === 'MAIL') { envelope.from = address(line); reply('250 2.1.0 ok'); }
      else if (verb === 'RCPT') { envelope.to.push(address(line)); reply('250 2.1.5 ok'); }
      else if (verb === 'DATA') { inData = true; reply('354 end with <CRLF>.<CRLF>'); }
      else if (verb === 'RSET') { envelope = { from: '', to: [] }; reply('250 ok'); }
      else if (verb === 'NOOP') reply('250 ok');
      else if (verb === 'QUIT') { reply('221 bye'); socket.end(); return; }
      else reply('502 5.5.2 not implemented');
    }
  });
}).listen(smtpPort, '127.0.0.1', () => console.log(`dev sink SMTP server on 127.0.0.1:${smtpPort} (security "none")`));

function address(line) {
  return (line.match(/<([^>]*)>/) ?? [])[1] ?? '';
}

function printMail(envelope, data) {
  const { headers, body } = splitHeaders(data);
  const messageId = headers['message-id'] ?? '';
  const repeat = messageId !== '' && seenMessageIds.has(messageId) ? ' (repeat of a Message-ID already seen)' : '';
  if (messageId !== '') seenMessageIds.add(messageId);
  const parts = mimeParts(headers, body);
  const text = parts.find((p) => p.type.startsWith('text/plain'));
  const html = parts.find((p) => p.type.startsWith('text/html'));
  console.log(`${new Date().toISOString()} SMTP mail from ${envelope.from} to ${envelope.to.join(', ')} Message-ID ${messageId}${repeat}\n` +
    `  Subject: ${decodeWords(headers.subject ?? '')}\n  ${text ? text.text : '(no text part)'}\n` +
    `  parts: ${parts.map((p) => p.type.split(';')[0]).join(', ')}${html ? ` (html ${html.text.length} characters)` : ''}`);
}

// Headers (unfolded, lowercase names) and the body after the blank line.
function splitHeaders(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: split < 0 ? '' : raw.slice(split + 4) };
}

// The leaf parts of a message, each decoded to text (base64 or quoted-printable, UTF-8).
function mimeParts(headers, body) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = (type.match(/boundary="?([^";]+)"?/i) ?? [])[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body.split(`--${boundary}`).slice(1, -1)
      .flatMap((part) => { const inner = splitHeaders(part.replace(/^\r\n/, '')); return mimeParts(inner.headers, inner.body); });
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body, 'base64')
    : encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
    : Buffer.from(body, 'latin1');
  return [{ type: type.toLowerCase(), text: bytes.toString('utf8').trim() }];
}

// RFC 2047 encoded words (=?utf-8?B?...?= and =?utf-8?Q?...?=), as subjects with non-ASCII text arrive.
function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_, charset, kind, text) => kind.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
