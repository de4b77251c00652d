import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The screens: built into dist/web and served by the same Fastify server at /. No source maps:
// they would publish the whole client source (the dev server has its own).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
