// The contract's faults switched by a file (a test passes its onTestFinished): lib/startup-fault.ts.
export { startupFault, type StartupFault } from '../../lib/startup-fault.ts';
