import { WxtVitest } from "wxt/testing/vitest-plugin";
import { defineConfig } from "vitest/config";

// Projects by where a test runs: plain Node, the extension's background against WXT's in-memory
// browser, and real Chromium (built extension and add-in, driven by playwright-core).
export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/extension/unit/**", "test/**/e2e/**"],
        },
      },
      {
        extends: true,
        plugins: [WxtVitest({ root: "extension" })],
        test: { name: "extension-unit", include: ["test/extension/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/**/e2e/**/*.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file drives its own Chromium; two at once is what 2 cores carry. They run after the
          // other projects (a later group), so browsers do not compete with the Node tests.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
