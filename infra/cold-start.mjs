// Measures the handler's cold start as the Functions host sees it: from process start to the first answer on
// GET / (the host's readiness probe), over several runs.
//   node infra/cold-start.mjs [runs] -- <command> [args...]
// e.g. node infra/cold-start.mjs 9 -- dotnet functions/Automation.Functions/bin/Release/net10.0/Automation.Functions.dll
//      node infra/cold-start.mjs 9 -- artifacts/functionapp/Automation.Functions
import { spawn } from 'node:child_process';
import { createServer, get } from 'node:http';

const sep = process.argv.indexOf('--');
const runs = Number(sep > 2 ? process.argv[2] : 7);
const [command, ...args] = process.argv.slice(sep + 1);

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const probe = (port) => new Promise((resolve) => {
  const request = get({ host: '127.0.0.1', port, path: '/', timeout: 200 }, (res) => { res.resume(); resolve(true); });
  request.on('error', () => resolve(false));
  request.on('timeout', () => { request.destroy(); resolve(false); });
});

const times = [];
for (let i = 0; i < runs; i++) {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(command, [...args, '--urls', `http://127.0.0.1:${port}`], {
    env: { ...process.env, FUNCTIONS_CUSTOMHANDLER_PORT: String(port), AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
    stdio: 'ignore',
  });
  // The host probes every 25 ms; probe every 5 ms for a finer figure.
  while (!(await probe(port))) await new Promise((r) => setTimeout(r, 5));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  times.push(ms);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}) over ${runs} runs`);
