// A steady, bounded load on loopback, to prove that no request fails while the
// server changes under it. Every failure is kept with its error code.
import { Client } from 'undici';
import { get } from './http.ts';

export type Connections = 'fresh' | 'keep-alive';
export type LoadReport = {
  sent: number;
  answered: number;
  failures: Map<string, number>;
  pids: Set<number>;
  // How long each answered request took, from sending to the end of its body (for percentiles).
  latenciesMs: number[];
};

const REQUEST_TIMEOUT_MS = 5_000;
// Upper bounds, whatever the test does: a forgotten stop() cannot run away.
const MAX_REQUESTS_PER_CLIENT = 100_000;
const MAX_DURATION_MS = 60_000;

export type LoadOptions = {
  clients: number;
  connections: Connections;
  // Each answer as it comes, for a live view (npm run lab): which PID answered, in how many ms.
  onAnswer?: (pid: number, ms: number) => void;
};

// `clients` loops, each sending its next GET / as soon as the last is answered:
// on a new connection each time, or all on one keep-alive connection per loop.
export function startLoad(origin: string, { clients, connections, onAnswer }: LoadOptions) {
  const report: LoadReport = { sent: 0, answered: 0, failures: new Map(), pids: new Set(), latenciesMs: [] };
  const startedAt = Date.now();
  let running = true;
  const fail = (what: string) => report.failures.set(what, (report.failures.get(what) ?? 0) + 1);

  const loop = async () => {
    const keepAlive = connections === 'keep-alive' ? new Client(origin, { headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS }) : undefined;
    try {
      for (let i = 0; running && i < MAX_REQUESTS_PER_CLIENT && Date.now() - startedAt < MAX_DURATION_MS; i++) {
        report.sent++;
        const sentAt = performance.now();
        try {
          const { status, body } = keepAlive ? await requestOn(keepAlive) : await get(origin, '/', REQUEST_TIMEOUT_MS);
          if (status === 200) {
            const ms = performance.now() - sentAt;
            report.answered++;
            report.pids.add(body.pid);
            report.latenciesMs.push(ms);
            onAnswer?.(body.pid, ms);
          } else fail(`HTTP ${status}`);
        } catch (error) {
          fail((error as { code?: string }).code ?? (error as Error).message);
        }
      }
    } finally {
      await keepAlive?.destroy();
    }
  };
  const loops = Array.from({ length: clients }, loop);

  return {
    report,
    // Stop sending, wait for the requests in flight, and report.
    async stop(): Promise<LoadReport> {
      running = false;
      await Promise.all(loops);
      return report;
    },
  };
}

async function requestOn(client: Client): Promise<{ status: number; body: any }> {
  const res = await client.request({ method: 'GET', path: '/' });
  const text = await res.body.text();
  return { status: res.statusCode, body: res.statusCode === 200 ? JSON.parse(text) : text };
}

export function describeFailures(report: LoadReport): string {
  const byCode = [...report.failures].map(([code, count]) => `${count} × ${code}`).join(', ');
  return `${report.sent - report.answered} of ${report.sent} requests failed${byCode ? ` (${byCode})` : ''}`;
}
