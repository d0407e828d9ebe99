// The worker's half of hang detection: "my event loop is still turning",
// said over IPC every HEARTBEAT_MS by a timer on that very loop. While the
// loop is stuck (an endless loop, a huge synchronous job), the timer cannot
// fire and the beats stop: the silence is the symptom.
export function sendHeartbeats(_everyMs: number): void {
  // TODO: send { type: 'workshop:heartbeat' } to the primary (process.send) now, and
  // then every _everyMs from a timer on this event loop. unref() the timer, so
  // that it alone never keeps a leaving worker alive, and send only while
  // process.connected: after a disconnect, send() raises an error.
}
