import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRequest } from './raw-http';

/**
 * The pages' scripts and styles as a CDN or a browser would keep them: content-hashed names
 * served as immutable for a year, compressed once at build time; the HTML shell that names
 * them is asked again every time, so a new build is picked up at once.
 */
describe("the pages' static assets", () => {
  it('serves the shell uncached and its hashed assets immutable for a year, precompressed', async () => {
    const shell = await rawRequest({ path: '/shop/', anonymous: true });
    assert.equal(shell.status, 200);
    assert.equal(shell.headers['cache-control'], 'no-cache');
    const assets = [...shell.text.matchAll(/"(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1] ?? '',
    );
    assert.ok(assets.length >= 1, `the shell names its assets: ${shell.text.slice(0, 300)}`);
    for (const path of assets) {
      for (const encoding of ['br', 'gzip']) {
        const asset = await rawRequest({
          path,
          anonymous: true,
          headers: { 'accept-encoding': encoding },
        });
        assert.equal(asset.status, 200, path);
        assert.match(String(asset.headers['cache-control']), /max-age=31536000/, path);
        assert.match(String(asset.headers['cache-control']), /immutable/, path);
        assert.equal(asset.headers['content-encoding'], encoding, `${path} as ${encoding}`);
      }
    }
  });
});
