// npm run diff lesson-N: the files you edit in a lesson against the reference
// solution, as a coloured unified diff per file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { pc } from '../lib/colour.ts';
import { parseCommand } from './lib/command.ts';
import { repoRoot } from '../lib/workspace.ts';

const command = parseCommand({
  usage: 'npm run diff <lesson>',
  summary: `Shows how your files of a lesson differ from the reference solution: lines marked - are yours,
lines marked + are the solution's. Colours follow your terminal (NO_COLOR=1 turns them off).`,
});
const lesson = command.lesson();

for (const file of lesson.edit) {
  const yours = path.relative(repoRoot, path.join(lesson.dir, file));
  const solution = path.relative(repoRoot, path.join(lesson.solutionDir, file));
  const mine = existsSync(path.join(repoRoot, yours)) ? readFileSync(path.join(repoRoot, yours), 'utf8') : '';
  const theirs = readFileSync(path.join(repoRoot, solution), 'utf8');
  console.log(pc.bold(`\n${yours}`));
  if (mine === theirs) {
    console.log('  no differences from the solution');
    continue;
  }
  const patch = createTwoFilesPatch(yours, solution, mine, theirs, 'yours', 'solution', { headerOptions: FILE_HEADERS_ONLY });
  console.log(patch.trimEnd().split('\n').map(colour).join('\n'));
}

function colour(line: string): string {
  if (line.startsWith('---') || line.startsWith('+++')) return pc.bold(line);
  if (line.startsWith('@@')) return pc.cyan(line);
  if (line.startsWith('+')) return pc.green(line);
  if (line.startsWith('-')) return pc.red(line);
  return line;
}
