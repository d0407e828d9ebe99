// Lesson 2: measure the block.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

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

// Sample the event loop every 10 ms: a blocked loop shows up as a late sample.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const sinceStart = performance.eventLoopUtilization();

// Everything since the server started. Not reset per read: reset() also forgets
// the interval in progress, so a block that straddles it would never be seen.
function readMetrics() {
  // The histogram counts nanoseconds; before its first sample it reads as 0.
  const nsToMs = (ns: number) => (loopDelay.count === 0 ? 0 : Math.round(ns / 1e4) / 100);
  return {
    pid: process.pid,
    eventLoopDelayMs: {
      min: nsToMs(loopDelay.min),
      mean: nsToMs(loopDelay.mean),
      p99: nsToMs(loopDelay.percentile(99)),
      max: nsToMs(loopDelay.max),
    },
    eventLoopUtilization: Math.round(performance.eventLoopUtilization(sinceStart).utilization * 1000) / 1000,
  };
}

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
    case '/metrics':
      return sendJson(res, 200, readMetrics());
    default:
      return sendJson(res, 404, { error: `no route for ${url.pathname}` });
  }
});

server.listen(port, host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`pid ${process.pid} listening on http://${host}:${port}`);
});
