// One worker busy on /slow, and clients asking `path` meanwhile, each again as
// soon as it has an answer: what lessons 4 and 9 judge "stays responsive" by.
// A client whose connection the primary handed to the busy worker waits there.
import { get, startGet, type Reply } from '../../lib/http.ts';

export async function askWhileOneWorkerIsBusy(origin: string, { path, clients, slowMs = 2_000 }: { path: string; clients: number; slowMs?: number }) {
  const slow = startGet(origin, `/slow?ms=${slowMs}`);
  await slow.sent;
  let slowDone = false;
  const slowReply = slow.reply.finally(() => (slowDone = true));
  const during: Reply[] = [];
  const client = async () => {
    for (let i = 0; i < 15 && !slowDone; i++) during.push(await get(origin, path, 10_000));
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { busy: await slowReply, during };
}
