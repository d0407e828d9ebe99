// npm run dev -- update | check: the course's own upkeep, as rustlings has
// `dev update` and `dev check`. update writes every carried file from its one
// source; check proves the ladder (lib/course-check.ts), as the full check does.
import path from 'node:path';
import { pc } from '../lib/colour.ts';
import { updateCarriedFiles } from '../lib/carried-files.ts';
import { checkCourse } from '../lib/course-check.ts';
import { repoRoot } from '../lib/workspace.ts';
import { parseCommand } from './lib/command.ts';

const command = parseCommand({
  usage: 'npm run dev -- <update|check>',
  summary: `For whoever writes the lessons. A lesson's files are the ones its learner edits (lesson.json's "edit")
and the ones it carries unchanged, from the previous lesson's solution (or, for a file new in the lesson,
from its own solution). Edit a carried file at its source, then run update.`,
  takesLessons: false,
  subcommands: {
    update: 'write every carried file that differs from its source (and print what it wrote)',
    check: 'check the ladder and the carried files; exit 1 naming each problem and its fix',
  },
});

if (command.subcommand === 'update') {
  const written = updateCarriedFiles();
  const shown = (file: string) => path.relative(repoRoot, file);
  for (const { copy, source } of written) console.log(`wrote ${shown(copy)} ${pc.dim(`(from ${shown(source)})`)}`);
  console.log(written.length === 0 ? 'Every carried file matches its source: nothing written.' : `${written.length} carried file(s) written.`);
} else {
  const { problems, filesChecked } = checkCourse();
  for (const { file, message } of problems) console.log(`${pc.red('✗')} ${file}: ${message}`);
  if (problems.length === 0) console.log(`${pc.green('✓')} the course ladder and carried files (${filesChecked} files checked)`);
  else console.log(`\n${problems.length} problem(s) in the course.`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
