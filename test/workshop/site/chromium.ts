// The system's Chromium for the browser tests, never a download: `chromium`
// on PATH, else /usr/bin/chromium. Without it the tests are skipped, and fail
// with REQUIRE_BROWSER=1.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

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

// Why: every browser test launches the same executable.
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

const notFound = 'Chromium not found on PATH or at /usr/bin/chromium (apt-get install chromium)';

// Why: every browser test file skips the same way without Chromium, and fails the same way when it is required.
export function describeInChromium(title: string, body: () => void): void {
  if (chromiumPath === undefined && process.env.REQUIRE_BROWSER === '1') {
    test(`${notFound}, and REQUIRE_BROWSER=1 requires it`, () => {
      expect.fail(`${notFound}: the browser test cannot run`);
    });
  }
  describe.skipIf(chromiumPath === undefined)(`${title}${chromiumPath ? '' : ` (skipped: ${notFound})`}`, body);
}
