// How failure messages are written: long ones over several source lines that
// read as one sentence, and durations in one format.

// Why: a message stays readable at 160 columns in the source and one clear sentence in the output.
// A line break in the template, with the indentation around it, becomes one space; the values
// are kept as they are, so a value may still bring line breaks of its own.
export function sentence(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((text, part, i) => text + part.replace(/[ \t]*\n\s*/g, ' ') + (i < values.length ? String(values[i]) : ''), '');
}

// Why: every message shows a duration in seconds the same way ("1.5 s").
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
