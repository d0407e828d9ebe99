// The system's Chromium, never a download: `chromium` on PATH, else
// /usr/bin/chromium. The browser tests and the lab's screenshots launch it alike.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

function findChromium(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'chromium'));
  return [...onPath, '/usr/bin/chromium'].find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Why: every browser launch uses the same executable.
export const chromiumPath = findChromium();

// Why: as root Chromium needs --no-sandbox; the rest keeps it from calling home.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumNotFound = 'Chromium not found on PATH or at /usr/bin/chromium (apt-get install chromium)';
