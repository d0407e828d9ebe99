// A lesson's solution, or one of its known-wrong answers, copied where it can
// run: inside the repository (under .workshop/, which git ignores), so that
// the '#app' and '#startup' package imports still resolve. A known-wrong
// answer is made by lib/known-wrong-copy.ts, as the full check makes it, so
// the benchmark measures the very mistakes the full check proves the tests catch.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { onExit } from 'signal-exit';
import { solutionsDir, stateDir } from '../lib/workspace.ts';
import { knownWrong } from '../lib/known-wrong.ts';
import { writeKnownWrong } from '../lib/known-wrong-copy.ts';

// Why one folder per process: a benchmark and the check's smoke run may overlap; each removes its own, even on Ctrl+C.
export function variantsFolder(): string {
  mkdirSync(stateDir, { recursive: true });
  const folder = mkdtempSync(path.join(stateDir, 'bench-'));
  onExit(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

// Why: the server entry of a copy of `lesson`'s solution, with the edits of the known-wrong
// answer named `wrongAnswer` made (none: the solution as it is). Throws if one no longer applies.
export function writeVariant(folder: string, lesson: string, wrongAnswer?: string): string {
  if (wrongAnswer === undefined) {
    cpSync(path.join(solutionsDir, lesson), path.join(folder, lesson), { recursive: true });
    return path.join(folder, lesson, 'server.ts');
  }
  const variant = knownWrong.find((each) => each.lesson === lesson && each.name === wrongAnswer);
  if (!variant) throw new Error(`lib/known-wrong.ts has no ${lesson} entry named "${wrongAnswer}": update bench/`);
  return path.join(writeKnownWrong(variant, folder), 'server.ts');
}
