// Generates TypeScript gRPC stubs into src/gen with buf + ts-proto (never grpc-tools: its
// install downloads protoc). Both plugins come from node_modules/.bin, hence the PATH.
import { spawnSync } from "node:child_process";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const binDirs = [join(packageDir, "node_modules", ".bin"), resolve(packageDir, "..", "..", "node_modules", ".bin")];
const env = { ...process.env, PATH: [...binDirs, process.env.PATH ?? ""].join(delimiter) };

const result = spawnSync("buf", ["generate"], { cwd: packageDir, env, stdio: "inherit" });
if (result.error) {
  console.error(`buf generate could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
