import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (house style rule 7): Next compiles them.
  transpilePackages: ["@marquee/api", "@marquee/db", "@marquee/config", "@marquee/documents", "@marquee/ui"],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
