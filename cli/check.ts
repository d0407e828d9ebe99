// npm run check: the whole workshop proven in one command (what CI runs).
// Typecheck; every lesson passes against solutions/; every lesson FAILS against
// a pristine copy of its starter (so no test passes without the learner's work);
// the workshop's own tests. Ends with one line: "N passed, N failed".
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import pc from 'picocolors';
import { listLessons } from './lib/lessons.ts';
import { runVitest, testFileOf, workshopTestDir } from './lib/run-lesson-tests.ts';
import { repoRoot, startersDir } from './lib/workspace.ts';

let passed = 0;
let failed = 0;
let skipped = 0;
function report(ok: boolean, what: string, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? pc.green('✓') : pc.red('✗')} ${what}`);
  if (!ok && detail) console.log(detail.trimEnd().replace(/^/gm, '    '));
}
function reportSkipped(what: string): void {
  skipped++;
  console.log(`${pc.yellow('-')} ${what} (skipped: not counted as passed)`);
}

const lessons = listLessons();
const lessonFiles = lessons.map(testFileOf);

console.log(pc.bold('Typecheck'));
const tsc = await execa('tsc', ['--noEmit'], { cwd: repoRoot, preferLocal: true, reject: false, all: true });
report(tsc.exitCode === 0, 'tsc --noEmit', tsc.all);

console.log(pc.bold('\nEvery lesson passes against solutions/'));
const solutions = await runVitest(lessonFiles, { target: 'solutions', quiet: true });
for (const lesson of lessons) report(solutions.passed(testFileOf(lesson)), `${lesson.name} passes against its solution`);
if (lessons.some((lesson) => !solutions.passed(testFileOf(lesson)))) console.log(solutions.output);

console.log(pc.bold('\nEvery lesson fails against its untouched starter'));
if (!existsSync(startersDir)) {
  report(false, 'pristine starters', `${startersDir} is missing: run npm install (it copies them after install).`);
} else {
  const starters = await runVitest(lessonFiles, { target: startersDir, quiet: true });
  for (const lesson of lessons) {
    report(!starters.passed(testFileOf(lesson)), `${lesson.name} fails against its starter`, `every test in ${testFileOf(lesson)} passes without the learner's change: the lesson tests nothing`);
  }
}

if (existsSync(`${repoRoot}/${workshopTestDir}`)) {
  console.log(pc.bold('\nThe workshop itself'));
  const own = await runVitest([workshopTestDir], { quiet: true });
  if (own.results.size === 0) report(false, `tests under ${workshopTestDir}`, own.output);
  for (const [file, result] of own.results) {
    if (result === 'skipped') reportSkipped(file);
    else report(result === 'passed', file);
  }
  if ([...own.results.values()].includes('failed')) console.log(own.output);
}

console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 ? 0 : 1;
