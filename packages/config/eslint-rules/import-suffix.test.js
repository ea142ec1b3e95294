import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import rule from "./import-suffix.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run("import-suffix", rule, {
  valid: [
    'import { createHold } from "./create-hold.ts";',
    'import { SeatMap } from "@/components/seat-map/seat-map.tsx";',
    'import { useI18n } from "~/i18n/provider.tsx";',
    'import "./globals.css";',
    'export { x } from "../x.ts";',
    'import { z } from "zod";',
    'import { JOBS } from "@marquee/api/jobs";',
    'const lazy = () => import("./heavy.tsx");',
  ],
  invalid: [
    { code: 'import { createHold } from "./create-hold";', errors: [{ messageId: "suffix" }] },
    { code: 'import { SeatMap } from "@/components/seat-map";', errors: [{ messageId: "suffix" }] },
    { code: 'import { useI18n } from "~/i18n/provider";', errors: [{ messageId: "suffix" }] },
    { code: 'export * from "../jobs/contract";', errors: [{ messageId: "suffix" }] },
    { code: 'export { a } from "./a";', errors: [{ messageId: "suffix" }] },
    { code: 'const lazy = () => import("./heavy");', errors: [{ messageId: "suffix" }] },
  ],
});
