import { withSerwist } from "@serwist/turbopack";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (house style rule 7): Next compiles them.
  transpilePackages: ["@marquee/api", "@marquee/db", "@marquee/config", "@marquee/ui", "@marquee/tickets"],
  reactStrictMode: true,
  poweredByHeader: false,
};

// withSerwist keeps esbuild out of the server bundle: the /serwist/[path] route bundles sw.ts with it.
export default withSerwist(nextConfig);
