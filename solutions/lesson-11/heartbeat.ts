// The worker's half of hang detection: "my event loop is still turning",
// said over IPC every HEARTBEAT_MS by a timer on that very loop. While the
// loop is stuck (an endless loop, a huge synchronous job), the timer cannot
// fire and the beats stop: the silence is the symptom.
import type { WorkerMessage } from './messages.ts';

export function sendHeartbeats(everyMs: number): void {
  const beat = () => {
    // Once the worker has disconnected (a drain, /retire) nobody listens, and
    // send() on a closed channel would raise an error nothing handles.
    if (process.connected) process.send!({ type: 'workshop:heartbeat' } satisfies WorkerMessage);
  };
  beat();
  // unref(): the beat alone must never keep a worker that is leaving alive.
  setInterval(beat, everyMs).unref();
}
