// npm run reset lesson-N: put the lesson's starter files back exactly as they
// were when you installed the workshop (from .workshop/starters, no git).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCommand } from './lib/command.ts';
import { replaceLessonFiles } from './lib/replace-lesson-files.ts';
import { repoRoot } from '../lib/workspace.ts';

const command = parseCommand({
  usage: 'npm run reset <lesson> [-- --yes]',
  summary: `Restores the files you edit in a lesson to their starter version, byte for byte, after asking.
Nothing else changes: not the lesson's README or lesson.json, not other lessons, not your hints;
your progress shows the lesson as reset until you run its tests again.`,
  flags: { yes: { help: 'do not ask (needed when there is no terminal to ask on)', short: 'y' } },
});
const lesson = command.lesson();

if (!lesson.edit.every((file) => existsSync(path.join(lesson.starterDir, file)))) {
  console.error(
    `There is no pristine copy of ${lesson.name}'s starter in ${path.relative(repoRoot, lesson.starterDir)}: npm install takes one. Run npm install, then try again.`,
  );
  process.exit(1);
}
await replaceLessonFiles(
  lesson,
  {
    from: lesson.starterDir,
    what: 'its starter',
    warning: 'Your changes will be lost.',
    retry: `npm run reset ${lesson.name} -- --yes`,
    status: 'reset',
    after: `Start again with npm test ${lesson.name}.`,
  },
  command.flags.yes,
);
