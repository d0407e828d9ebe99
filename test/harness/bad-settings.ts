// Every setting the primary reads from the environment is checked: a bad value
// stops it at once with exit code 2 and a message on stderr that names the
// variable, rather than a silent default, a pool of nothing, or a hang.
import { setTimeout as delay } from 'node:timers/promises';
import { seconds, sentence } from '../../lib/message.ts';
import { startOutcome, type LessonContext, type StartOutcome } from './lesson-server.ts';

// A refusal comes before any worker is forked, so well within the time the same server
// takes to start with good settings, measured next to the bad ones: a server still
// running after this many times that has not refused (and never less than the minimum).
const STARTS_TO_REFUSE = 3;
const MIN_WAIT_MS = 2_000;

type Refusal = { env?: Record<string, string>; why?: string };
// What a check needs of its test: that test's own expect, and servers that end with it.
type Tester = Pick<LessonContext, 'expect' | 'spawnServer'>;

// Each of `values` for `variable`, on top of `env`: refused, with the variable named on stderr.
export async function expectBadValuesRefused(t: Tester, lesson: string, variable: string, values: string[], options: Refusal = {}) {
  await expectSettingsRefused(
    t,
    lesson,
    values.map((value) => ({ [variable]: value })),
    options,
  );
}

// Each of `bad`, a set of settings that cannot work together (or one that cannot work
// alone), on top of `env`: refused, with every variable of the set named on stderr.
export async function expectSettingsRefused(t: Tester, lesson: string, bad: Record<string, string>[], { env = {}, why = '' }: Refusal = {}) {
  const spawnedAt = performance.now();
  const control = t.spawnServer(lesson, env);
  const trees = bad.map((settings) => t.spawnServer(lesson, { ...env, ...settings }));
  // The control's start sets the bound; each bad one is judged the moment it exits or gets ready.
  const controlEnd = Promise.race([
    control.ready.then(
      () => 'start',
      () => 'fail to start',
    ),
    control.exited.then(() => 'exit'),
  ]);
  const bound = controlEnd.then((how) => {
    const controlMs = performance.now() - spawnedAt;
    const waitMs = Math.max(MIN_WAIT_MS, STARTS_TO_REFUSE * controlMs);
    const shown = sentence`${seconds(waitMs)} (${STARTS_TO_REFUSE} × the ${seconds(controlMs)} the same server took
      to ${how} with good settings, next to it)`;
    return { shown, passed: delay(spawnedAt + waitMs - performance.now()) };
  });
  const outcomes = trees.map((tree) =>
    startOutcome(
      tree,
      bound.then(({ passed }) => passed),
    ),
  );

  // In order, each as soon as its own outcome is known: the first wrong one fails at once.
  for (const [i, settings] of bad.entries()) {
    const { stderr, explain } = trees[i]!;
    const outcome = await outcomes[i]!;
    const setting = Object.entries(settings)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join(' and ');
    const measured = outcome.ended === 'running' ? (await bound).shown : '';
    t.expect(
      outcome.ended === 'exited' ? outcome.exit.exitCode : undefined,
      explain(sentence`with ${setting} the server ${described(outcome, measured)}; expected it to stop
        with exit code 2.${why && ` ${why}`}`),
    ).toBe(2);
    for (const variable of Object.keys(settings)) {
      const named = Object.keys(settings).length > 1 ? 'each setting that disagrees' : 'the variable';
      t.expect(
        stderr(),
        explain(sentence`with ${setting} the server stopped, but nothing on stderr names ${variable}:
          an error belongs on stderr and should name ${named}`),
      ).toContain(variable);
    }
  }
}

function described(outcome: StartOutcome, measured: string): string {
  if (outcome.ended === 'ready') return 'printed its ready line: it started anyway';
  if (outcome.ended === 'running') return `was still running after ${measured}`;
  const { exitCode, signal } = outcome.exit;
  return signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
}
