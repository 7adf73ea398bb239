// A stand-in for a shop's messaging endpoint and for agents' chat robots, for trying the product locally:
//   node infra/dev-sink.mjs [port]      (default 7072)
// Prints every message the product delivers (path, idempotency key, text) and answers 200 with a body every robot
// format reads as success (errcode 0 for WeCom and DingTalk). Any path works, so each agent can have their own
// (http://127.0.0.1:7072/agents/wang), whatever the channel type.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 7072);
const seen = new Set();

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    // Robot formats (WeCom, DingTalk, Slack) carry no key: a message without one is never a repeat of another.
    const key = req.headers['idempotency-key'] ?? '';
    const repeat = key !== '' && seen.has(key) ? ' (repeat of an idempotency key already seen)' : '';
    if (key !== '') seen.add(key);
    let text = body;
    try { text = readable(JSON.parse(body)); } catch { /* not JSON: print as is */ }
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} key=${key}${repeat}\n  ${text}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true,"errcode":0,"errmsg":"ok"}');
  });
}).listen(port, '127.0.0.1', () => console.log(`dev sink listening on http://127.0.0.1:${port}/messages`));

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
