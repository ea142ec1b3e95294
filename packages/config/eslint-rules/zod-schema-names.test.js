import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import rule from "./zod-schema-names.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run("zod-schema-names", rule, {
  valid: [
    "export const ZCreateHoldInput = z.object({ eventId: z.uuid() }).strict();\nexport type TCreateHoldInput = z.infer<typeof ZCreateHoldInput>;",
    "type TGetEventInput = z.input<typeof ZGetEventInput>;",
    "const ZBase = z.string().min(1);",
    // Not schemas, or not module-level: any name.
    "const parsed = z.object({}).safeParse(input);",
    "const document = z.toJSONSchema(ZEvent);",
    "function f() { const base = z.string(); return base; }",
    "const ZWider = ZBase.extend({ extra: z.number() });",
    "type TPayload = z.output<TSchema>;",
  ],
  invalid: [
    { code: "export const createHoldInput = z.object({});", errors: [{ messageId: "schema" }] },
    { code: "const roles = z.enum(['OWNER', 'STAFF']);", errors: [{ messageId: "schema" }] },
    { code: "export type CreateHoldInput = z.infer<typeof ZCreateHoldInput>;", errors: [{ messageId: "inferred" }] },
    { code: "type THoldInput = z.output<typeof ZCreateHoldInput>;", errors: [{ messageId: "inferred" }] },
  ],
});
