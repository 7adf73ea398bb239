// A stand-in for a shop's messaging endpoint, for trying the product locally:
//   node infra/dev-sink.mjs [port]      (default 7072)
// Prints every message the product delivers (id, idempotency key, text) and answers 200.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 7072);
const seen = new Set();

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const key = req.headers['idempotency-key'] ?? '';
    const repeat = seen.has(key) ? ' (repeat of an idempotency key already seen)' : '';
    seen.add(key);
    let text = body;
    try { text = JSON.parse(body).text; } catch { /* not JSON: print as is */ }
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} key=${key}${repeat}\n  ${text}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}).listen(port, '127.0.0.1', () => console.log(`dev sink listening on http://127.0.0.1:${port}/messages`));
