// Lesson 3: fork one worker per core; the primary only manages them.
// TODO: import cluster from 'node:cluster' and os from 'node:os'.
import type { AddressInfo } from 'node:net';
import { createApp, host, port } from '#app';

// TODO: in the primary (cluster.isPrimary), fork WORKERS workers
// (default: os.availableParallelism()) and serve nothing yourself. Print the
// ready line below only once every worker is listening (cluster's 'listening'
// event gives you the port), and let each worker run the server instead.
const server = createApp().listen(port, host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`pid ${process.pid} listening on http://${host}:${port}`);
});
