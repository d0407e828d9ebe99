// The front end every workshop command shares: --help, strict flags, and the
// lesson(s) it works on. Bad input always ends the same way, before anything
// is written: what was wrong, the usage, the list of lessons, exit code 2.
import { parseArgs } from 'node:util';
import { findLesson, lessonList, listLessons, type Lesson } from '../../lib/lessons.ts';

type Flag = { help: string; short?: string };

// Why: a command declares what it accepts once, and its --help is written from that.
export type CommandSpec<Name extends string, Sub extends string> = {
  usage: string; // "npm run hint <lesson> [-- --all]"
  summary: string; // what the command does, for --help
  flags?: Record<Name, Flag>;
  takesLessons?: boolean; // false: the command accepts no lesson name at all
  subcommands?: Record<Sub, string>; // each with what it does: the command line must start with one
};

// Why: commands ask for their lesson(s) here, so no command can skip the check.
export type Command<Name extends string, Sub extends string> = {
  flags: Record<Name, boolean>;
  subcommand: Sub; // the one named, for a command with subcommands
  // Exactly one lesson must be named ("lesson-3" or "3").
  lesson(): Lesson;
  // Any number of lessons; none named means every lesson.
  lessons(): Lesson[];
  // Bad input: explain, show the usage and the lessons, exit 2.
  fail(message: string): never;
};

// Why: one parser for every command, so --help and bad input behave the same everywhere.
export function parseCommand<const Name extends string = never, const Sub extends string = never>(spec: CommandSpec<Name, Sub>): Command<Name, Sub> {
  const fail = (message: string): never => {
    console.error(`${message}\n\nUsage: ${spec.usage}\n\nLessons:\n${lessonList()}`);
    process.exit(2);
  };

  const flags: Record<string, Flag> = { ...spec.flags, help: { help: 'show this help', short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: Object.fromEntries(Object.entries(flags).map(([name, { short }]) => [name, short ? { type: 'boolean', short } : { type: 'boolean' }])),
      allowPositionals: spec.takesLessons !== false || spec.subcommands !== undefined,
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;

  if (values.help) {
    console.log(helpText(spec, flags));
    process.exit(0);
  }

  // In `npm run hint lesson-1 --all`, npm keeps --all for itself (only what follows -- is passed
  // on) and merely notes it in npm_config_all: say so rather than silently ignore it.
  const flagNames = Object.keys(spec.flags ?? {}) as Name[];
  for (const name of flagNames) {
    if (!values[name] && process.env[`npm_config_${name}`] === 'true') {
      console.error(`npm kept --${name} for itself (it passes on only what follows --): to use it, add -- --${name} at the end.`);
    }
  }

  const subcommands = Object.keys(spec.subcommands ?? {}) as Sub[];
  const subcommand = spec.subcommands ? positionals.shift() : undefined;
  if (spec.subcommands && !subcommands.includes(subcommand as Sub)) {
    fail(subcommand === undefined ? `Which command? One of: ${subcommands.join(', ')}.` : `Unknown command: ${subcommand} (one of: ${subcommands.join(', ')})`);
  }
  if (spec.takesLessons === false && positionals.length > 0) fail(`Unexpected argument '${positionals[0]}'`);
  const named = positionals.map((name) => findLesson(name) ?? fail(`Unknown lesson: ${name}`));
  return {
    flags: Object.fromEntries(flagNames.map((name) => [name, values[name] === true])) as Record<Name, boolean>,
    subcommand: subcommand as Sub,
    lesson() {
      if (named.length === 0) fail('Which lesson? Name one, for example lesson-1.');
      if (named.length > 1) fail(`One lesson at a time, please (got ${positionals.join(' ')}).`);
      return named[0]!;
    },
    lessons: () => (named.length > 0 ? named : listLessons()),
    fail,
  };
}

function helpText({ usage, summary, subcommands }: CommandSpec<string, string>, flags: Record<string, Flag>): string {
  const commands = Object.entries(subcommands ?? {}).map(([name, help]) => `  ${name.padEnd(14)} ${help}`);
  const options = Object.entries(flags).map(([name, { short, help }]) => {
    const spelling = short ? `-${short}, --${name}` : `    --${name}`;
    return `  ${spelling.padEnd(14)} ${help}`;
  });
  return [
    `Usage: ${usage}`,
    '',
    summary,
    '',
    ...(commands.length > 0 ? ['Commands:', ...commands, ''] : []),
    'Options (npm passes them on only after --, as in npm run reset lesson-1 -- --yes):',
    ...options,
    '',
    'Lessons:',
    lessonList(),
  ].join('\n');
}
