// Shared flat ESLint config: every workspace's eslint.config.js re-exports or extends this.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/src/generated/**",
      "**/src/gen/**",
      "**/next-env.d.ts",
      "**/test-results/**",
      "**/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
      // Only env.ts files may read process.env (house style rule 8).
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through this package's env.ts." }],
    },
  },
  {
    files: ["**/env.ts", "**/instrumentation.ts", "**/*.test.ts", "**/*.config.{ts,js,mjs}", "**/testing/**", "**/scripts/**"],
    rules: { "no-restricted-properties": "off" },
  },
);
