// The system's Chromium for the browser tests (lib/chromium.ts). Without it
// the tests are skipped, and fail with REQUIRE_BROWSER=1.
import { describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumNotFound as notFound, chromiumPath } from '../../../lib/chromium.ts';

export { chromiumArgs, chromiumPath };

// Why: every browser test file skips the same way without Chromium, and fails the same way when it is required.
export function describeInChromium(title: string, body: () => void): void {
  if (chromiumPath === undefined && process.env.REQUIRE_BROWSER === '1') {
    test(`${notFound}, and REQUIRE_BROWSER=1 requires it`, () => {
      expect.fail(`${notFound}: the browser test cannot run`);
    });
  }
  describe.skipIf(chromiumPath === undefined)(`${title}${chromiumPath ? '' : ` (skipped: ${notFound})`}`, body);
}
