import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressAssets } from './precompress.ts';

/**
 * Two single-page apps, each an HTML shell the gateway serves for every path under it. The
 * gateway's content security policy allows scripts and styles from files only: nothing is
 * inlined (no modulepreload polyfill, which Vite would otherwise put in the entry).
 */
export default defineConfig({
  plugins: [react(), precompressAssets(resolve(import.meta.dirname, 'dist'))],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        shop: resolve(import.meta.dirname, 'shop/index.html'),
        console: resolve(import.meta.dirname, 'console/index.html'),
      },
      // React and the pieces both apps use: one file, cached across them.
      output: {
        chunkFileNames: 'assets/common-[hash].js',
        assetFileNames: 'assets/styles-[hash][extname]',
      },
    },
  },
});
