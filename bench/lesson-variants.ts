// A lesson's solution, or one of its known-wrong answers, copied where it can
// run: inside the repository (under .workshop/, which git ignores), so that
// the '#app' and '#startup' package imports still resolve. The edits are the
// ones test/known-wrong.ts lists, so the benchmark measures the very mistakes
// the full check proves the tests catch.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onExit } from 'signal-exit';
import { solutionsDir, stateDir } from '../cli/lib/workspace.ts';
import { knownWrong } from '../test/known-wrong.ts';

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
  const copy = path.join(folder, lesson);
  cpSync(path.join(solutionsDir, lesson), copy, { recursive: true });
  if (wrongAnswer === undefined) return path.join(copy, 'server.ts');
  const variant = knownWrong.find((each) => each.lesson === lesson && each.name === wrongAnswer);
  if (!variant) throw new Error(`test/known-wrong.ts has no ${lesson} entry named "${wrongAnswer}": update bench/`);
  for (const [file, edits] of Object.entries(variant.edits)) {
    let source = readFileSync(path.join(copy, file), 'utf8');
    for (const [before, after] of edits) {
      if (!source.includes(before)) throw new Error(`solutions/${lesson}/${file} no longer contains ${JSON.stringify(before)}: update the "${wrongAnswer}" entry in test/known-wrong.ts`);
      source = source.replace(before, () => after); // a function: `after` is code, not a pattern with $&
    }
    writeFileSync(path.join(copy, file), source);
  }
  return path.join(copy, 'server.ts');
}
