// A known-wrong answer made real: a copy of its lesson's solution with the
// answer's edits made. The full check (cli/check.ts) proves each copy fails its
// lesson's tests, and the benchmark (bench/) measures some of them: both make
// their copies here, so they run the very same mistakes.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { solutionsDir } from './workspace.ts';
import type { KnownWrong } from './known-wrong.ts';

// Why: copies solutions/<lesson> to <targetDir>/<lesson> (inside the repository, so that
// '#app' still resolves) and makes the edits; returns the copy's folder. Throws if a
// `before` text is not in the solution: an edit that no longer applies must not pass silently.
export function writeKnownWrong(variant: KnownWrong, targetDir: string): string {
  const copy = path.join(targetDir, variant.lesson);
  cpSync(path.join(solutionsDir, variant.lesson), copy, { recursive: true });
  for (const [file, edits] of Object.entries(variant.edits)) {
    const target = path.join(copy, file);
    if (!existsSync(target)) throw new Error(`solutions/${variant.lesson} has no ${file}: update the "${variant.name}" entry in lib/known-wrong.ts`);
    let source = readFileSync(target, 'utf8');
    for (const [before, after] of edits) {
      if (!source.includes(before)) {
        throw new Error(
          `solutions/${variant.lesson}/${file} no longer contains ${JSON.stringify(before)}: update the "${variant.name}" entry in lib/known-wrong.ts`,
        );
      }
      source = source.replace(before, () => after); // a function: `after` is code, not a pattern with $&
    }
    writeFileSync(target, source);
  }
  return copy;
}
