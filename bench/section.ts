// What every section of `npm run bench` is: one file that measures one thing
// and returns its rows, its settings and its table; the runner (run.ts) does
// the rest: choosing sections, printing, saving.

// Why: the smoke mode (in the full check) runs the same code as the real run, only less of it.
export type RunOptions = {
  smoke: boolean; // a few seconds: every code path once, numbers not meaningful
  progress(line: string): void; // one line per measurement, as it finishes
  node?: string; // --node: another node binary, for a section that measures on two Nodes (loop)
};

// Why: rows go to the JSON as they are; the table is for a person.
export type SectionResult = {
  settings: Record<string, unknown>; // what every row shares (rolls, clients, ...)
  rows: object[];
  table: string;
};

export type Section = {
  name: string; // for --only, and its key in the saved JSON
  title: string;
  run(options: RunOptions): Promise<SectionResult>;
};
