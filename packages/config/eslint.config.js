// Shared flat ESLint config: every workspace's eslint.config.js re-exports or extends this.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importSuffix from "./eslint-rules/import-suffix.js";
import zodSchemaNames from "./eslint-rules/zod-schema-names.js";

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
    // House rules for TypeScript source (generated code is ignored above).
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { marquee: { rules: { "zod-schema-names": zodSchemaNames, "import-suffix": importSuffix } } },
    rules: {
      // A file past 400 lines is split by responsibility. Every line counts, blank and comment
      // lines too: the figure is the one `wc -l` and the editor show.
      "max-lines": ["error", { max: 400, skipBlankLines: false, skipComments: false }],
      // Types: PascalCase, no Hungarian `I` on interfaces or aliases. Zod schemas are Z<Name> and
      // the types inferred from them T<Name> (marquee/zod-schema-names); other types may carry the
      // T prefix (most of packages/api does) or not.
      "@typescript-eslint/naming-convention": [
        "error",
        { selector: "typeLike", format: ["PascalCase"] },
        { selector: ["interface", "typeAlias"], format: ["PascalCase"], custom: { regex: "^I[A-Z]", match: false } },
      ],
      "marquee/zod-schema-names": "error",
      // One import style: our own files are imported with their suffix (marquee/import-suffix).
      "marquee/import-suffix": "error",
    },
  },
  {
    // CommonJS scripts that Node runs as they are (e.g. tooling/dev/soketi/marquee-soketi.cjs).
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", setTimeout: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/env.ts", "**/instrumentation.ts", "**/*.test.ts", "**/*.config.{ts,js,mjs}", "**/testing/**", "**/scripts/**"],
    rules: { "no-restricted-properties": "off" },
  },
);
