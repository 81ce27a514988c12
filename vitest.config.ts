import { defineConfig } from "vitest/config";

const integration = ["**/*.integration.test.ts"];
const ignored = ["**/node_modules/**", "**/.next/**", "**/dist/**"];

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/**/*.test.ts", "apps/**/*.test.ts"],
          exclude: [...ignored, ...integration],
        },
      },
      {
        test: {
          name: "integration",
          include: integration,
          exclude: ignored,
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.ts"],
          exclude: ignored,
          globalSetup: ["./test/global-setup.ts", "./apps/web/e2e/server.setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser, one server: journeys run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
