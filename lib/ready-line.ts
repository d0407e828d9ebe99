// The ready line is a promise to whoever waits on the server: "this address
// answers, with every worker". Check that promise the moment it is made, so
// a wrong ready line fails every time, with its own message.
import { setTimeout as delay } from 'node:timers/promises';
import { get } from './http.ts';
import { sentence } from './message.ts';

export const READY_LINE = /listening on (http:\/\/\S+)/;
const ALL_WORKERS_TIMEOUT_MS = 10_000;
// A worker writes its output before it answers a request; this is how long the
// bytes may still be on their way through the pipe to the test.
const PIPE_SETTLE_MS = 150;

type Announced = {
  url: string;
  output(): string;
  explain(message: string): string;
  workers(): Promise<number[]>;
};

export function readyLines(output: string): string[] {
  return output.split('\n').filter((line) => READY_LINE.test(line));
}

export async function checkReadyLine(server: Announced): Promise<void> {
  const { port } = new URL(server.url);
  if (port === '0') {
    throw new Error(
      server.explain(sentence`the ready line announced ${server.url}: port 0 only asks the OS for a port.
        Print the real one, from the 'listening' event's address (address.port), not from the PORT variable.`),
    );
  }

  // From lesson 3 on the primary's children are the workers; lessons 1-2 have none.
  const workers = await server.workers();
  const unheard = new Set(workers);
  const deadline = Date.now() + ALL_WORKERS_TIMEOUT_MS;
  do {
    let pid: unknown;
    try {
      pid = (await get(server.url, '/', 5_000)).body?.pid;
    } catch (error) {
      throw new Error(
        server.explain(sentence`nothing answers at ${server.url}, the address the ready line announced (${(error as Error).message}).
          Announce the address the server really listens on: the port from the 'listening' event's address.`),
      );
    }
    unheard.delete(pid as number);
    if (unheard.size > 0 && Date.now() > deadline) {
      throw new Error(
        server.explain(sentence`the ready line was printed, but worker(s) ${[...unheard].join(', ')} answered no fresh connection
          in ${ALL_WORKERS_TIMEOUT_MS / 1000} s: print it once every worker is listening (count cluster's 'listening' events).`),
      );
    }
  } while (unheard.size > 0);

  await expectOneReadyLine(server);
}

// Why exported: a replacement worker must not announce the server again either (lesson 5).
export async function expectOneReadyLine(server: Pick<Announced, 'output' | 'explain'>): Promise<void> {
  await delay(PIPE_SETTLE_MS);
  const lines = readyLines(server.output());
  if (lines.length !== 1) {
    throw new Error(
      server.explain(sentence`the server printed ${lines.length} ready lines ("listening on http://..."); it must print exactly one,
        from the primary, once every worker is listening. Do your workers print their own, or does the primary print again when
        a worker (re)starts?${lines.map((line) => `\n  > ${line}`).join('')}`),
    );
  }
}
