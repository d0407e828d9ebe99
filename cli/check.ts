// npm run check: the whole workshop proven in one command (what CI runs).
// Typecheck; every lesson passes against solutions/; every lesson FAILS against
// a pristine copy of its starter (so no lesson passes without the learner's
// work) and against each known-wrong answer; the workshop's own tests.
// Ends with one line: "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import pc from 'picocolors';
import { findLesson, lessonFiles, listLessons } from './lib/lessons.ts';
import { runVitest, testFileOf, workshopTestDir } from './lib/run-lesson-tests.ts';
import { repoRoot, startersDir, stateDir } from './lib/workspace.ts';
import { knownWrong } from '../test/known-wrong.ts';

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
const lessonTestFiles = lessons.map(testFileOf);

console.log(pc.bold('Typecheck'));
const tsc = await execa('tsc', ['--noEmit'], { cwd: repoRoot, preferLocal: true, reject: false, all: true });
report(tsc.exitCode === 0, 'tsc --noEmit', tsc.all);

console.log(pc.bold('\nEvery lesson passes against solutions/'));
const solutions = await runVitest(lessonTestFiles, { target: 'solutions', quiet: true });
for (const lesson of lessons) report(solutions.passed(testFileOf(lesson)), `${lesson.name} passes against its solution`);
if (lessons.some((lesson) => !solutions.passed(testFileOf(lesson)))) console.log(solutions.output);

console.log(pc.bold('\nEvery lesson fails against its untouched starter'));
if (!existsSync(startersDir)) {
  report(false, 'pristine starters', `${startersDir} is missing: run npm install (it copies them after install).`);
} else {
  // A maintainer who changed a starter must re-take the copy, or this phase checks the old one.
  for (const lesson of lessons) {
    for (const file of lessonFiles(lesson)) {
      const pristine = path.join(lesson.starterDir, file);
      if (existsSync(pristine) && readFileSync(pristine, 'utf8') !== readFileSync(path.join(lesson.dir, file), 'utf8')) {
        console.log(pc.yellow(`  note: lessons/${lesson.name}/${file} differs from the copy taken at install, which is what is checked here (if a starter changed, delete .workshop/starters and run npm install)`));
      }
    }
  }
  const starters = await runVitest(lessonTestFiles, { target: startersDir, quiet: true });
  for (const lesson of lessons) {
    report(!starters.passed(testFileOf(lesson)), `${lesson.name} fails against its starter`, `every test in ${testFileOf(lesson)} passes without the learner's change: the lesson tests nothing`);
  }
}

console.log(pc.bold('\nEvery known-wrong answer fails its lesson'));
// Each variant lives inside the repository so that '#app' still resolves.
const variantsDir = path.join(stateDir, 'known-wrong');
rmSync(variantsDir, { recursive: true, force: true });
for (const [i, variant] of knownWrong.entries()) {
  const solution = readFileSync(path.join(repoRoot, 'solutions', variant.lesson, 'server.ts'), 'utf8');
  const what = `${variant.lesson} fails when ${variant.name}`;
  const testFile = testFileOf(findLesson(variant.lesson)!);
  if (!solution.includes(variant.replace)) {
    report(false, what, `the solution no longer contains ${JSON.stringify(variant.replace)}: update test/known-wrong.ts`);
    continue;
  }
  const root = path.join(variantsDir, String(i));
  mkdirSync(path.join(root, variant.lesson), { recursive: true });
  writeFileSync(path.join(root, variant.lesson, 'server.ts'), solution.replace(variant.replace, variant.with));
  const run = await runVitest([testFile], { target: root, quiet: true });
  report(!run.passed(testFile), what, `${testFile} passes against this wrong answer`);
}
rmSync(variantsDir, { recursive: true, force: true });

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
