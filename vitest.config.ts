import { defineConfig } from "vitest/config";

export default defineConfig({
  // Without the alias vitest loads graphql's ESM and CJS builds side by side ("another module or realm").
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
    // The browser tests load the built console: build it first when its inputs changed (about a second when they did).
    globalSetup: ["console/scripts/build.mjs"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
