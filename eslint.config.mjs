// ESLint flat config: ESLint's and typescript-eslint's recommended rules for src/, test/
// and scripts/ (npm run lint).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "out/**", "bench/results/**", ".tmp/**", "coverage/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Browser code: the task pane and the custom functions run in Office's web view.
    files: ["src/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Node code: the CLI, tests, build and dev scripts, config files.
    files: ["src/cli/**", "test/**", "scripts/**", "bin/**", "*.js", "*.cjs", "*.mjs", "*.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs", "webpack.config.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
