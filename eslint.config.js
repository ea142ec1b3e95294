// Each workspace has its own eslint.config.js; this one lets `npx eslint <path>` work from the root.
export { default } from "@marquee/config/eslint";
