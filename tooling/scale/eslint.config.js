export { default } from "@marquee/config/eslint";
