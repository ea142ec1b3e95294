import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Unknown fields, as `kubectl apply --validate=strict` reports them: the OpenAPI validators of
 * kubernetes-models accept any extra field (`imagePullPolcy` would pass), so the field names come
 * from the models' own TypeScript declarations (model-types.ts), walked with the TypeScript
 * checker alongside the object. Maps (labels, resources, KEDA trigger metadata) have an index
 * signature and accept any key; untyped parts (any, unknown, {}) are not checked.
 */

let loaded: { checker: ts.TypeChecker; types: Map<string, ts.Type> } | undefined;

function load() {
  if (loaded) return loaded;
  const file = fileURLToPath(new URL("./model-types.ts", import.meta.url));
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length > 0) throw new Error(`model-types.ts does not compile: ${ts.flattenDiagnosticMessageText(problems[0]!.messageText, " ")}`);
  const checker = program.getTypeChecker();
  const types = new Map<string, ts.Type>();
  for (const statement of program.getSourceFile(file)!.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const symbol = checker.getSymbolAtLocation(statement.name);
    if (symbol) types.set(statement.name.text, checker.getDeclaredTypeOfSymbol(symbol));
  }
  loaded = { checker, types };
  return loaded;
}

/** The paths of the fields of `value` that the type `typeName` (an alias in model-types.ts) does not declare. */
export function unknownFields(typeName: string, value: unknown): string[] {
  const { checker, types } = load();
  const type = types.get(typeName);
  if (!type) throw new Error(`model-types.ts has no type ${typeName}`);
  const found: string[] = [];
  walk(checker, value, type, "", found);
  return found;
}

function walk(checker: ts.TypeChecker, value: unknown, declared: ts.Type, path: string, found: string[]): void {
  if (value === null || typeof value !== "object") return;
  let type = checker.getNonNullableType(declared);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (type.isUnion()) {
    // e.g. IntOrString: the object member, if exactly one; the schema validator checks the rest.
    const objects = type.types.filter((member) => member.flags & ts.TypeFlags.Object);
    if (objects.length !== 1) return;
    type = objects[0]!;
  }
  if (Array.isArray(value)) {
    if (!checker.isArrayType(type)) return;
    const element = checker.getTypeArguments(type as ts.TypeReference)[0];
    if (element) value.forEach((item, index) => walk(checker, item, element, `${path}[${index}]`, found));
    return;
  }
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (!index && checker.getPropertiesOfType(type).length === 0) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    const property = checker.getPropertyOfType(type, key);
    if (property) walk(checker, child, checker.getTypeOfSymbol(property), childPath, found);
    else if (index) walk(checker, child, index.type, childPath, found);
    else found.push(childPath);
  }
}
