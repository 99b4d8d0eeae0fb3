// The console is served by each gateway under /console/ (gateway-api/src/http/console.ts), with
// a CSP that forbids inline code: Vite emits external scripts and styles only, and assets are
// never inlined as data: scripts. The domain's schemas and validator are bundled from source,
// so the forms check exactly what the API checks.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  resolve: { alias: { '@domain': fileURLToPath(new URL('../domain/src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false }, sourcemap: false },
});
