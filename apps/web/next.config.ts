import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (house style rule 7): Next compiles them.
  transpilePackages: ["@marquee/api", "@marquee/db", "@marquee/config", "@marquee/documents", "@marquee/ui"],
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    // Event images are stored in fixed widths by the API (services/event-image: 320 to 1600 px
    // WebP) and served from this origin at /api/images, so the loader maps each srcset width onto
    // a stored file: no optimiser, no remote host, works offline from a fresh clone.
    loader: "custom",
    loaderFile: "./src/lib/event-image-loader.ts",
    deviceSizes: [640, 960, 1280, 1600],
    imageSizes: [320, 480],
  },
};

export default nextConfig;
