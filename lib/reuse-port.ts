// Whether this Node and platform can run lesson 11 (reusePort on listen): the
// lesson's tests skip, and the bench leaves its row out, with the reason.
// Node 22.12+ and 23.1+ have the option; an older one ignores it silently, so
// only the version tells. Linux spreads connections over the sockets, and /proc
// shows which process holds which.
export function reusePortMissing(version = process.versions.node, platform = process.platform): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const hasIt = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
  if (!hasIt) return `needs Node 22.12+ or 23.1+ for reusePort (this is v${version})`;
  if (platform !== 'linux') return `needs Linux, where reusePort spreads connections and /proc shows the sockets (this is ${platform})`;
  return undefined;
}
