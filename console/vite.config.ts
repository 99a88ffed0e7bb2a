import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** Where `npm run dev` proxies the API while Vite serves the console with hot reload. */
const api = process.env.CONSOLE_API_URL ?? "http://127.0.0.1:4000";

/**
 * The console: a static single-page app the service serves at `/` (see src/http/console.ts). Everything is a file
 * under `assets/` with a content hash, nothing is inlined, and no script is injected into index.html, so the pages
 * run under a CSP of `'self'` alone.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      "/graphql": { target: api, ws: true },
      "/exports": api,
    },
  },
});
