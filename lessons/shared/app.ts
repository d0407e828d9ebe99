// The HTTP routes you built in lessons 1 and 2, and the address they listen
// on, in one module, so that from lesson 3 on each lesson's server.ts is only
// about processes.
import cluster from 'node:cluster';
import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export const port = Number(process.env.PORT ?? 3000);
export const host = process.env.HOST ?? '127.0.0.1';

// Port 0 means "any free port", and each listen(0) gets its own: once the last
// worker is gone, a replacement would land on a new port. Ask once, in the
// primary, and give every worker the answer. (Another process may take the port
// between this probe and the first worker's listen: the workers then fail with
// EADDRINUSE.)
export async function resolvePort(host: string, port: number): Promise<number> {
  if (port !== 0) return port;
  const probe = net.createServer();
  await once(probe.listen(0, host), 'listening');
  const free = (probe.address() as AddressInfo).port;
  probe.close();
  await once(probe, 'close');
  return free;
}

// Spin for a fixed time, by the monotonic clock: a counted loop would last however long
// this machine takes to count.
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// Only a whole number of milliseconds from 1 to 10000 is a sensible request.
export function parseMs(value: string | null): number | undefined {
  const ms = Number(value);
  return value !== null && Number.isInteger(ms) && ms >= 1 && ms <= 10_000 ? ms : undefined;
}

export function sendJson(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// Enabled by createApp(), in the processes that serve: a cluster's primary imports
// this module too (host, port), and the sampling timer would wake it 100 times a second.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
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

// A route a later lesson adds (lesson 9's /stats, lesson 12's /work) without
// copying this module: it gets the parsed URL and answers on res.
export type Route = (url: URL, res: http.ServerResponse) => void;

export function createApp(routes: Record<string, Route> = {}): http.Server {
  loopDelay.enable();
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') return sendJson(res, 405, { error: `${req.method} is not supported; use GET` });

    switch (url.pathname) {
      case '/':
        return sendJson(res, 200, { pid: process.pid });
      case '/slow': {
        const ms = parseMs(url.searchParams.get('ms'));
        if (ms === undefined) return sendJson(res, 400, { error: 'ms must be a whole number of milliseconds from 1 to 10000' });
        blockFor(ms);
        return sendJson(res, 200, { pid: process.pid, ms });
      }
      case '/metrics':
        return sendJson(res, 200, readMetrics());
      case '/crash':
        // A simulated fatal bug: answer, then throw where nothing catches it.
        sendJson(res, 200, { pid: process.pid, crashing: true });
        return setImmediate(() => {
          throw new Error(`simulated fatal bug in worker ${process.pid} (GET /crash)`);
        });
      case '/retire':
        // Leave on purpose, as a deploy would: the primary sees exitedAfterDisconnect.
        if (!cluster.isWorker) return sendJson(res, 409, { error: '/retire only makes sense in a cluster worker' });
        sendJson(res, 200, { pid: process.pid, retiring: true });
        return cluster.worker?.disconnect();
      case '/hang':
        // A simulated infinite loop (lesson 10): alive, never answers, never yields.
        for (;;);
      default: {
        const route = routes[url.pathname];
        if (route) return route(url, res);
        return sendJson(res, 404, { error: `no route for ${url.pathname}` });
      }
    }
  });
}
