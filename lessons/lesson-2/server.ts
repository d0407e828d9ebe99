// Lesson 2: measure the block.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// TODO: import monitorEventLoopDelay and performance from 'node:perf_hooks'.

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// Spin for a fixed time, by the monotonic clock: a counted loop would last however long
// this machine takes to count.
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// Only a whole number of milliseconds from 1 to 10000 is a sensible request.
function parseMs(value: string | null): number | undefined {
  const ms = Number(value);
  return value !== null && Number.isInteger(ms) && ms >= 1 && ms <= 10_000 ? ms : undefined;
}

function sendJson(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// TODO: create an event-loop delay histogram (monitorEventLoopDelay, 10 ms
// resolution) and enable it; keep an eventLoopUtilization() reading from now.
// TODO: write readMetrics(): { pid, eventLoopDelayMs: { min, mean, p99, max },
// eventLoopUtilization } since the server started. The histogram counts
// nanoseconds: report milliseconds.

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return sendJson(res, 405, { error: `${req.method} is not supported; use GET` });

  switch (url.pathname) {
    case '/':
      return sendJson(res, 200, { pid: process.pid });
    case '/slow': {
      // Validate before blocking: a bad query costs nothing and gets a 400.
      const ms = parseMs(url.searchParams.get('ms'));
      if (ms === undefined) return sendJson(res, 400, { error: 'ms must be a whole number of milliseconds from 1 to 10000' });
      blockFor(ms);
      return sendJson(res, 200, { pid: process.pid, ms });
    }
    // TODO: GET /metrics answers 200 with readMetrics().
    default:
      return sendJson(res, 404, { error: `no route for ${url.pathname}` });
  }
});

server.listen(port, host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`pid ${process.pid} listening on http://${host}:${port}`);
});
