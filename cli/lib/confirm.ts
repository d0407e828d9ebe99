// Commands that overwrite the learner's work ask first. --yes answers for
// scripts; with neither --yes nor a terminal to ask on, they refuse (exit 1)
// rather than guess.
import readline from 'node:readline/promises';

// Why: tests hand in their own terminal; commands use the real one.
export type ConfirmOptions = {
  yes: boolean; // --yes was given
  retry: string; // the command line that says yes, for the refusal message
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
};

// Why: overwriting work needs an explicit y or yes; Enter, anything else, Ctrl+C or Ctrl+D mean no.
export async function confirm(question: string, { yes, retry, input = process.stdin, output = process.stdout }: ConfirmOptions): Promise<boolean> {
  if (yes) return true;
  if (!input.isTTY) {
    console.error(`${question}\nThere is no terminal to ask on, so nothing was changed. To go ahead, run: ${retry}`);
    process.exit(1);
  }
  const rl = readline.createInterface({ input, output });
  // Ctrl+C and Ctrl+D close the prompt; closing it abandons the question.
  const abandoned = new AbortController();
  rl.on('close', () => abandoned.abort());
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: abandoned.signal }).catch(() => {
      output.write('\n'); // the prompt's line was left open
      return '';
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
