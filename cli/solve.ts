// npm run solve lesson-N: copy the reference solution in, for a learner who
// wants to move on (or to read a working answer in place).
import { parseCommand } from './lib/command.ts';
import { replaceLessonFiles } from './lib/replace-lesson-files.ts';

const command = parseCommand({
  usage: 'npm run solve <lesson> [-- --yes]',
  summary: `Replaces the files you edit in a lesson with the reference solution, after asking.
To see what would change first: npm run diff <lesson>. To start over later: npm run reset <lesson>.`,
  flags: { yes: { help: 'do not ask (needed when there is no terminal to ask on)', short: 'y' } },
});
const lesson = command.lesson();

await replaceLessonFiles(
  lesson,
  {
    from: lesson.solutionDir,
    what: 'the solution',
    warning: `Your own version will be lost (npm run diff ${lesson.name} shows what differs).`,
    retry: `npm run solve ${lesson.name} -- --yes`,
    status: 'solved',
    after: `Run npm test ${lesson.name} to see it pass.`,
  },
  command.flags.yes,
);
