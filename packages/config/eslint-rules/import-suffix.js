// One import style: a relative or app-alias ("~/", "@/") import of our own source names its file,
// suffix included (`./create-hold.ts`, `~/components/seat-map.tsx`), the way Node and the bundlers resolve it
// without guessing. Packages (`@marquee/api/jobs`, `zod`) are imported by their exported names.

const OWN_SOURCE = /^(\.{1,2}\/|[@~]\/)/;
const HAS_SUFFIX = /\.(ts|tsx|mts|js|mjs|cjs|json|css|svg|png|wasm)$/;

export default {
  meta: {
    type: "suggestion",
    docs: { description: "Relative and app-alias (~/, @/) imports of our own source carry the file's suffix" },
    messages: { suffix: 'Import "{{source}}" with its file suffix (".ts" or ".tsx").' },
    schema: [],
  },
  create(context) {
    const check = (source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      if (OWN_SOURCE.test(source.value) && !HAS_SUFFIX.test(source.value))
        context.report({ node: source, messageId: "suffix", data: { source: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
