// Whether this Node and platform can run lesson 11 (reusePort on listen): the
// lesson's tests skip, and the bench leaves its row out, with the reason.
// Node 22.12+ and 23.1+ have the option; an older one ignores it silently, so
// only the version tells. Linux spreads connections over the sockets, and /proc
// shows which process holds which.
export function reusePortMissing(version = process.versions.node, platform = process.platform): string | undefined {
  const lack = reusePortLack(version, platform);
  return lack && `needs ${lack.needs}${lack.why} (this is ${lack.have})`;
}

// What is missing, in parts: npm test and the progress name what a skipped lesson 11 needs, and how to get it.
export type Lack = { needs: string; why: string; have: string; runWith?: string };
export function reusePortLack(version = process.versions.node, platform = process.platform): Lack | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const hasIt = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
  // npx fetches a Node 24 from npm for this one command; npm test then runs the tests on it.
  if (!hasIt) return { needs: 'Node 22.12+', why: ' or 23.1+ for reusePort', have: `v${version}`, runWith: 'npx -p node@24 npm test lesson-11' };
  if (platform !== 'linux') return { needs: 'Linux', why: ', where reusePort spreads connections and /proc shows the sockets', have: platform };
  return undefined;
}
