import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the NestJS service from web/dist: hashed files under /assets are cached for a year.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Nothing inline: the content security policy allows only our own files.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` in web/: the API of a service started with `npm start` on the same machine.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
