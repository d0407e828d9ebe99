// reusePort (SO_REUSEPORT) arrived in Node 22.12.0 and 23.1.0. An older Node
// does not refuse the option: it ignores it, and every process but the first
// fails with EADDRINUSE. Say so once, at start, instead of crash-looping.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

export const hasReusePort = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
export const REUSE_PORT_NEEDS = 'Node 22.12+ or 23.1+';
