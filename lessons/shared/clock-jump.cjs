// A test aid of the lesson server contract (lessons/README.md): with
// NODE_OPTIONS="--require <this file>" and CLOCK_JUMP_FILE=<path>, while that
// file exists Date.now() in every process of the server reads one hour ahead,
// as after an NTP step, a VM pause or a laptop resume. performance.now() does
// not move, so a duration measured with it stays right whatever the wall clock does.
'use strict';
const { existsSync } = require('node:fs');

const file = process.env.CLOCK_JUMP_FILE;
if (file) {
  const HOUR_MS = 3_600_000;
  const wallClock = Date.now;
  let aheadMs = 0;
  // A stat every 50 ms, not per call: /slow's spin loop calls Date.now() millions of times.
  const look = () => (aheadMs = existsSync(file) ? HOUR_MS : 0);
  look();
  setInterval(look, 50).unref();
  Date.now = () => wallClock() + aheadMs;
}
