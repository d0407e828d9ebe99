// Colour is for a person at a terminal. NO_COLOR (https://no-color.org) turns
// it off and FORCE_COLOR on; otherwise only a terminal gets it, never a file,
// a pipe or a CI log (CI=true alone does not force it, as picocolors' own
// guess would: a CI log is read, and parsed, as plain text).
import picocolors from 'picocolors';

const { NO_COLOR, FORCE_COLOR, TERM } = process.env;
const forced = FORCE_COLOR !== undefined && !['', '0', 'false'].includes(FORCE_COLOR);

// Why: every command decides the same way, once.
export const useColour = !NO_COLOR && (forced || (process.stdout.isTTY === true && TERM !== 'dumb'));

// Why: our commands colour through this, never through picocolors' own guess.
export const pc = picocolors.createColors(useColour);

// Why: vitest colours even a file unless NO_COLOR is set, so the processes we start
// (and vitest run inside watch) are told our choice through their environment.
export function passColourChoiceOn(env: Record<string, string | undefined>): void {
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (useColour) env.FORCE_COLOR = '1';
  else env.NO_COLOR = '1';
}
