// Wait for a state that arrives with no event to listen for (a worker forked,
// a process gone) by asking again at a short interval until a deadline.
export async function pollUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  { timeoutMs, intervalMs = 50, onTimeout }: { timeoutMs: number; intervalMs?: number; onTimeout: () => Error },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw onTimeout();
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
