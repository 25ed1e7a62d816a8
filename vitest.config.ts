import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium and LibreOffice from Debian's packages, installed when missing.
    globalSetup: ["test/setup/system-programs.ts"],
    // Plans built in the tests check that their filled-down rows are copies (src/workbook/fill.ts).
    setupFiles: ["test/setup/verify-fills.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
