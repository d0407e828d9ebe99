// Every setting the primary reads from the environment is checked: a bad value
// stops it at once with exit code 2 and a message on stderr that names the
// variable, rather than a silent default, a pool of nothing, or a hang.
import { expect } from 'vitest';
import { runServerToExit } from './lesson-server.ts';

// Only a guard against a server that starts anyway: a refusal takes well under a
// second, but several servers starting at once on a busy machine take a few.
export const STILL_RUNNING_AFTER_MS = 15_000;

export async function expectBadValuesRefused(lesson: string, variable: string, values: string[], { env = {}, why = '' }: { env?: Record<string, string>; why?: string } = {}) {
  const results = await Promise.all(values.map((value) => runServerToExit(lesson, { ...env, [variable]: value }, STILL_RUNNING_AFTER_MS)));
  values.forEach((value, i) => {
    const { exitCode, stderr, explain } = results[i]!;
    const setting = `${variable}=${JSON.stringify(value)}`;
    const outcome = exitCode === undefined ? `was still running after ${STILL_RUNNING_AFTER_MS / 1000} s` : `exited with code ${exitCode}`;
    expect(exitCode, explain(`with ${setting} the server ${outcome}; expected it to stop with exit code 2.${why && ` ${why}`}`)).toBe(2);
    expect(stderr, explain(`with ${setting} the server stopped, but nothing on stderr names ${variable}: an error belongs on stderr and should name the variable`)).toContain(variable);
  });
}
