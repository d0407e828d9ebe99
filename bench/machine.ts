// The machine a result was measured on: numbers from another Node, another
// core count or a busy machine are not comparable.
import os from 'node:os';

// Why: printed above the tables and saved with them.
export function describeMachine() {
  return {
    node: process.versions.node,
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: loadAverage(),
  };
}

// Why: 1, 5 and 15 minutes, taken as a measurement starts: other work on the machine skews every number.
export function loadAverage(): number[] {
  return os.loadavg().map((load) => Math.round(load * 100) / 100);
}
