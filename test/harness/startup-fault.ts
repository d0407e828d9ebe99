// The start-up fault for lessons 6 and 8 (a test passes its onTestFinished): lib/startup-fault.ts.
export { startupFault, type StartupFault } from '../../lib/startup-fault.ts';
