import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The screens: built into dist/web and served by the same Fastify server at /.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
