// House naming for zod: a module-level schema is `Z<Name>` and the type inferred from it is
// `T<Name>` (`ZCreateHoldInput` / `TCreateHoldInput`). @typescript-eslint/naming-convention
// cannot tell a zod schema from another constant, so this rule looks at the initialiser.

/** Calls on `z` that do not make a schema. */
const NOT_SCHEMAS = new Set([
  "parse",
  "safeParse",
  "parseAsync",
  "safeParseAsync",
  "encode",
  "decode",
  "toJSONSchema",
  "prettifyError",
  "treeifyError",
  "flattenError",
  "config",
  "registry",
]);
const INFER = new Set(["infer", "input", "output"]);

/** The methods of a call chain rooted at the identifier `z` (`z.object(...).strict()` -> ["object", "strict"]), or null. */
function zodChain(node) {
  const methods = [];
  let current = node;
  while (current) {
    if (current.type === "CallExpression") current = current.callee;
    else if (current.type === "MemberExpression" && current.property.type === "Identifier") {
      methods.unshift(current.property.name);
      current = current.object;
    } else if (current.type === "Identifier") return current.name === "z" && methods.length > 0 ? methods : null;
    else return null;
  }
  return null;
}

const isZodSchema = (init) => {
  if (init?.type !== "CallExpression") return false;
  const methods = zodChain(init);
  return methods !== null && !methods.some((method) => NOT_SCHEMAS.has(method));
};

/** `z.infer<typeof ZName>` (or z.input / z.output) -> "ZName", else null. */
function inferredFrom(annotation) {
  if (annotation.type !== "TSTypeReference" || annotation.typeName.type !== "TSQualifiedName") return null;
  const { left, right } = annotation.typeName;
  if (left.type !== "Identifier" || left.name !== "z" || !INFER.has(right.name)) return null;
  const argument = (annotation.typeArguments ?? annotation.typeParameters)?.params[0];
  return argument?.type === "TSTypeQuery" && argument.exprName.type === "Identifier" ? argument.exprName.name : null;
}

const isModuleLevel = (declaration) =>
  declaration.parent.type === "Program" || (declaration.parent.type === "ExportNamedDeclaration" && declaration.parent.parent.type === "Program");

export default {
  meta: {
    type: "suggestion",
    docs: { description: "Module-level zod schemas are named Z<Name>, the types inferred from them T<Name>." },
    messages: {
      schema: "Zod schema '{{name}}' should be named Z<Name> (e.g. ZCreateHoldInput).",
      inferred: "The type inferred from '{{schema}}' should be named '{{expected}}'.",
    },
    schema: [],
  },
  create(context) {
    return {
      VariableDeclaration(node) {
        if (node.kind !== "const" || !isModuleLevel(node)) return;
        for (const declarator of node.declarations) {
          if (declarator.id.type !== "Identifier" || !isZodSchema(declarator.init)) continue;
          if (!/^Z[A-Z]/.test(declarator.id.name)) context.report({ node: declarator.id, messageId: "schema", data: { name: declarator.id.name } });
        }
      },
      TSTypeAliasDeclaration(node) {
        const schema = inferredFrom(node.typeAnnotation);
        if (!schema || !/^Z[A-Z]/.test(schema)) return;
        const expected = `T${schema.slice(1)}`;
        if (node.id.name !== expected) context.report({ node: node.id, messageId: "inferred", data: { schema, expected } });
      },
    };
  },
};
