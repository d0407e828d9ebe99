// Requests on a brand-new connection each: the primary hands out connections,
// not requests, so a reused keep-alive socket would always reach one worker.
import { once } from 'node:events';
import { Client } from 'undici';

export type Reply = { status: number; body: any; ms: number; endedAt: number };

export type PendingRequest = {
  // Resolves once the connection is open and the request has been written to it.
  sent: Promise<void>;
  reply: Promise<Reply>;
  startedAt: number;
};

export function startGet(origin: string, path: string, timeoutMs = 15_000): PendingRequest {
  const client = new Client(origin, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const startedAt = performance.now();
  // undici writes the request as soon as the socket connects; one turn of the loop later it is on the wire.
  const sent = once(client, 'connect').then(() => new Promise<void>((done) => setImmediate(done)));
  const reply = (async () => {
    try {
      const res = await client.request({ method: 'GET', path });
      const text = await res.body.text();
      const endedAt = performance.now();
      return { status: res.statusCode, body: parseJson(text), ms: endedAt - startedAt, endedAt };
    } finally {
      await client.destroy();
    }
  })();
  return { sent, reply, startedAt };
}

export function get(origin: string, path: string, timeoutMs?: number): Promise<Reply> {
  return startGet(origin, path, timeoutMs).reply;
}

// PIDs that answered `count` requests, each on its own connection.
export async function pidsAnswering(origin: string, count: number): Promise<number[]> {
  const pids: number[] = [];
  for (let i = 0; i < count; i++) pids.push((await get(origin, '/')).body.pid);
  return pids;
}

// Keep the raw text when it isn't JSON: the assertion that expected JSON will show it.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
