import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env['TRAILMARK_API_URL'] ?? 'http://localhost:3000';

/** The dashboard's build; `vite` serves it with the API proxied (TRAILMARK_API_URL, default localhost:3000). */
export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@trailmark/contracts': fileURLToPath(new URL('../../libs/shared/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline data: URLs, so the CSP can stay at 'self'.
    assetsInlineLimit: 0,
    // ECharts alone is over 500 kB minified (180 kB gzip); the budget is 600 kB gzip for everything.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/health': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
