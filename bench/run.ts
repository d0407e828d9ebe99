// npm run bench: measure what the workshop teaches, on this machine, with
// this Node, and how long a learner waits for npm test (the loop section, on
// Node 24 too). Every section runs real process trees, with a bounded load on
// loopback only, prints a table, and the whole result is saved as JSON with
// the Node version, core count and load average. `--smoke` runs every code path in a few
// seconds, for the full check: it fails if the benchmark breaks, never on
// the numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pc } from '../lib/colour.ts';
import { repoRoot } from '../lib/workspace.ts';
import { ipcCostSection } from './ipc-cost.ts';
import { describeMachine } from './machine.ts';
import { loopSection } from './loop.ts';
import { reloadSection } from './reload.ts';
import { reusePortRollSection } from './reuse-port-roll.ts';
import type { Section } from './section.ts';
import { throughputSection } from './throughput.ts';

const sections: Section[] = [throughputSection, ipcCostSection, reloadSection, reusePortRollSection, loopSection];
const DEFAULT_OUT = path.join(repoRoot, 'bench', 'results', 'latest.json');
const USAGE = `Usage: npm run bench [-- [--smoke] [--only SECTION] [--node FILE] [--out FILE]]

  --smoke         every code path once, in a few seconds (the numbers mean nothing)
  --only SECTION  run one section: ${sections.map((section) => section.name).join(', ')}
  --node FILE     the second Node the loop section times (default: the Node 24 that WORKSHOP_NODES names)
  --out FILE      where to save the JSON (default: ${path.relative(repoRoot, DEFAULT_OUT)})`;

const options = readOptions();
const machine = describeMachine();
console.log(
  pc.bold(
    `Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), ${machine.platform}, load average ${machine.loadAverage.join(' ')}${options.smoke ? ', smoke run' : ''}`,
  ),
);

const results: Record<string, { title: string; settings: Record<string, unknown>; rows: object[] }> = {};
for (const section of options.sections) {
  console.log(pc.bold(`\n${section.title}`));
  const { table, ...result } = await section.run({ smoke: options.smoke, node: options.node, progress: (line) => console.log(pc.dim(`  ${line}`)) });
  console.log(`\n${table}`);
  results[section.name] = { title: section.title, ...result };
}

mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify({ ...machine, smoke: options.smoke, date: new Date().toISOString(), sections: results }, null, 2)}\n`);
console.log(`\nSaved ${options.out}`);

// Bad input ends as the workshop's commands end it: what was wrong, the usage, exit code 2.
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        smoke: { type: 'boolean' },
        only: { type: 'string' },
        node: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const chosen = sections.filter((section) => values.only === undefined || section.name === values.only);
  if (chosen.length === 0) {
    console.error(`Unknown section: ${values.only}\n\n${USAGE}`);
    process.exit(2);
  }
  return { smoke: values.smoke === true, sections: chosen, node: values.node, out: path.resolve(values.out ?? DEFAULT_OUT) };
}
