// npm run hint lesson-N: the lesson's hints (its hints.md) one at a time,
// remembering how many you have seen; -- --all shows them all.
import { pc } from '../lib/colour.ts';
import { readHints } from '../lib/hints.ts';
import { parseCommand } from './lib/command.ts';
import { progressOf, recordHintsShown } from './lib/progress.ts';
import { renderForTerminal } from './lib/terminal-markdown.ts';

const command = parseCommand({
  usage: 'npm run hint <lesson> [-- --all]',
  summary: 'Shows the next hint for a lesson, one per run, and remembers how many you have seen.',
  flags: { all: { help: 'show every hint of the lesson at once' } },
});
const lesson = command.lesson();
const hints = readHints(lesson);

if (hints.length === 0) {
  console.log(`${lesson.name} has no hints.`);
} else {
  const seen = progressOf(lesson.name).hintsShown;
  if (seen >= hints.length) console.log(`You have seen all ${hints.length} hints for ${lesson.name}; here they are again.\n`);
  const showAll = command.flags.all || seen >= hints.length;
  const from = showAll ? 0 : seen;
  const to = showAll ? hints.length : seen + 1;
  for (let i = from; i < to; i++) console.log(`${pc.bold(`Hint ${i + 1} of ${hints.length}: ${hints[i]!.title}`)}\n${renderForTerminal(hints[i]!.markdown)}\n`);
  await recordHintsShown(lesson.name, to);
  const left = hints.length - to;
  if (left > 0) console.log(pc.dim(`${left} more: run npm run hint ${lesson.name} again, or npm run hint ${lesson.name} -- --all for all of them.`));
}
