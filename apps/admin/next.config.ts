import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (house style rule 7): Next compiles them.
  transpilePackages: ["@marquee/api", "@marquee/db", "@marquee/config", "@marquee/ui"],
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden(): a team member whose role lacks a page's capability gets a 403 page (src/app/forbidden.tsx).
  experimental: { authInterrupts: true },
};

export default nextConfig;
