// An emptied pool is no clean stop: when its last worker leaves on purpose
// outside a shutdown, the primary must say so with a non-zero exit code, or
// systemd's Restart=on-failure and Kubernetes take the outage for a stop.
import { sentence } from '../../lib/message.ts';
import { exitWithin, type LessonContext, type LessonServer } from './lesson-server.ts';

// The primary notices the exit at once; a bound in start-ups of this server leaves room for a loaded machine.
const STARTS_TO_EXIT = 1;

// Why: lesson 5 (GET /retire) and lesson 7 (a stray SIGTERM) empty a WORKERS=1 pool each their own way.
export async function expectEmptiedPoolExitsNonZero(
  expect: LessonContext['expect'],
  server: LessonServer,
  how: string,
  leave: (worker: number) => Promise<void>,
) {
  const [only] = await server.workers();
  const leftAt = performance.now();
  await leave(only!);
  const bound = server.startUpBound(STARTS_TO_EXIT);
  const { exit, exitedAfterMs, took } = await exitWithin(server, leftAt, bound.ms);
  const ended =
    exitedAfterMs === Infinity ? `was still running ${bound.shown} later` : `ended ${took} later with ${exit.signal ?? `exit code ${exit.exitCode}`}`;
  expect(
    exit.exitCode ?? 0, // a signal, or no exit yet, is no exit code: the message says which
    server.explain(sentence`the only worker ${only} left on purpose (${how}) outside any shutdown, and the primary ${ended}:
      an empty pool serves nothing, and exit code 0 would tell systemd or Kubernetes it was a clean stop.
      Exit non-zero, and say why`),
  ).toBeGreaterThan(0);
  const named = server
    .output()
    .split('\n')
    .some((line) => line.includes(String(only)));
  expect(named, server.explain(`no line of the primary's output names worker ${only}, which left on purpose: log a pool that shrinks, with the PID`)).toBe(
    true,
  );
  expect(await server.group(), server.explain('the primary exited, but processes of its group are still running')).toEqual([]);
}
