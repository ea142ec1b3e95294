// piscina's worker file. It loads the TypeScript thread body through tsx's API because on Node 20
// the `--import tsx` loader of the parent process does not reach worker threads.
import { tsImport } from "tsx/esm/api";

const { default: render } = await tsImport("./render-thread.ts", import.meta.url);
export default render;
