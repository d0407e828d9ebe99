// The contract's test aids that ride in every process of a server through
// NODE_OPTIONS (lessons/shared/*.cjs), added to the NODE_OPTIONS the tests
// themselves run with, which the server inherits.
import path from 'node:path';
import { repoRoot } from '../../lib/workspace.ts';

// Why: a test adds one preload to a server's environment without dropping the ones already there.
export function preloadEnv(file: 'clock-jump.cjs' | 'throw-on-sigusr2.cjs'): { NODE_OPTIONS: string } {
  const required = `--require ${JSON.stringify(path.join(repoRoot, 'lessons', 'shared', file))}`;
  return { NODE_OPTIONS: [process.env.NODE_OPTIONS, required].filter(Boolean).join(' ') };
}
