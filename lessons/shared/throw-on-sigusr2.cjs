// A test aid of the lesson server contract (lessons/README.md): with
// NODE_OPTIONS="--require <this file>", SIGUSR2 to a process of the server
// makes it throw an error nothing catches, from a signal listener, as a bug in
// one of its event handlers would. Node itself gives SIGUSR2 no meaning.
'use strict';

process.on('SIGUSR2', () => {
  throw new Error(`process ${process.pid}: a bug in an event handler (SIGUSR2, lessons/shared/throw-on-sigusr2.cjs)`);
});
