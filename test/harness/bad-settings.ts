// Every setting the primary reads from the environment is checked: a bad value
// stops it at once with exit code 2 and a message on stderr that names the
// variable, rather than a silent default, a pool of nothing, or a hang.
import { expect } from 'vitest';
import { runServerToExit } from './lesson-server.ts';

// Only a guard against a server that starts anyway: a refusal takes well under a
// second, but several servers starting at once on a busy machine take a few.
const STILL_RUNNING_AFTER_MS = 15_000;

type Refusal = { env?: Record<string, string>; why?: string };

// Each of `values` for `variable`, on top of `env`: refused, with the variable named on stderr.
export async function expectBadValuesRefused(lesson: string, variable: string, values: string[], options: Refusal = {}) {
  await expectSettingsRefused(
    lesson,
    values.map((value) => ({ [variable]: value })),
    options,
  );
}

// Each of `bad`, a set of settings that cannot work together (or one that cannot work
// alone), on top of `env`: refused, with every variable of the set named on stderr.
export async function expectSettingsRefused(lesson: string, bad: Record<string, string>[], { env = {}, why = '' }: Refusal = {}) {
  const results = await Promise.all(bad.map((settings) => runServerToExit(lesson, { ...env, ...settings }, STILL_RUNNING_AFTER_MS)));
  bad.forEach((settings, i) => {
    const { exitCode, stderr, explain } = results[i]!;
    const setting = Object.entries(settings)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join(' and ');
    const outcome = exitCode === undefined ? `was still running after ${STILL_RUNNING_AFTER_MS / 1000} s` : `exited with code ${exitCode}`;
    expect(exitCode, explain(`with ${setting} the server ${outcome}; expected it to stop with exit code 2.${why && ` ${why}`}`)).toBe(2);
    for (const variable of Object.keys(settings)) {
      expect(
        stderr,
        explain(
          `with ${setting} the server stopped, but nothing on stderr names ${variable}: an error belongs on stderr and should name ${Object.keys(settings).length > 1 ? 'each setting that disagrees' : 'the variable'}`,
        ),
      ).toContain(variable);
    }
  });
}
