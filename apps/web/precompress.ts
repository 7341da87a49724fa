import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Writes a Brotli and a gzip copy beside every script and stylesheet, once, at build time: the
 * gateway serves the copy a browser accepts (@fastify/static's preCompressed), spending no CPU
 * per request on compression.
 */
export function precompressAssets(outDir: string): Plugin {
  return {
    name: 'orchard-precompress-assets',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
        const content = readFileSync(join(assets, file));
        writeFileSync(
          join(assets, `${file}.br`),
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(join(assets, `${file}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}
