// Plausible wrong answers, each made from a solution by one small edit. The full
// check proves that each lesson's tests catch every one of them, as rustlings
// and learnyounode prove their checkers with invalid solutions.
export type KnownWrong = { lesson: string; name: string; replace: string; with: string };

export const knownWrong: KnownWrong[] = [
  {
    lesson: 'lesson-1',
    name: '/slow waits with setTimeout instead of blocking',
    replace: 'blockFor(ms);\n      return sendJson(res, 200, { pid: process.pid, ms });',
    with: 'return void setTimeout(() => sendJson(res, 200, { pid: process.pid, ms }), ms);',
  },
  {
    lesson: 'lesson-1',
    name: '/slow trusts ms without checking it',
    replace: "const ms = parseMs(url.searchParams.get('ms'));",
    with: "const ms = Number(url.searchParams.get('ms'));",
  },
  {
    lesson: 'lesson-2',
    name: '/metrics reports nanoseconds',
    replace: 'Math.round(ns / 1e4) / 100',
    with: 'ns',
  },
  {
    lesson: 'lesson-3',
    name: 'the pool size ignores WORKERS',
    replace: 'Number(process.env.WORKERS ?? os.availableParallelism())',
    with: 'os.availableParallelism()',
  },
  {
    lesson: 'lesson-4',
    name: 'a bad WORKERS silently falls back to the default',
    replace: 'const workers = workerCount();',
    with: 'const workers = Number(process.env.WORKERS) || os.availableParallelism();',
  },
  {
    lesson: 'lesson-5',
    name: 'every exit is replaced, as in the seed articles',
    replace: 'if (worker.exitedAfterDisconnect) {',
    with: 'if (false) {',
  },
];
