// The web benchmark's only read of process.env (house style: configuration through env.ts files).
export { benchEnv, isQuick } from "@marquee/api/bench/lib/env";
