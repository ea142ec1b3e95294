import type { MetadataRoute } from "next";

// Makes the scanner installable (home screen, standalone window). The offline service worker
// comes with the scanning work; this app registers none yet.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Marquee Check-in",
    short_name: "Check-in",
    description: "Scan tickets at the door, online or offline.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#0b1020",
    theme_color: "#0b1020",
    categories: ["business", "productivity"],
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-maskable.svg", sizes: "any", type: "image/svg+xml", purpose: "maskable" },
    ],
  };
}
