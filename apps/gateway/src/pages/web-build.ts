import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `apps/web` builds the pages, relative to this file in the gateway's own build. */
export const defaultWebRoot = join(__dirname, '..', '..', '..', 'web', 'dist');

/** The built pages: each app's HTML shell (read once) and the folder of hashed assets. */
export class WebBuild {
  readonly assetsDir: string;
  private readonly shells = new Map<'shop' | 'console', Buffer>();

  constructor(readonly root: string) {
    this.assetsDir = join(root, 'assets');
    for (const app of ['shop', 'console'] as const) {
      const file = join(root, app, 'index.html');
      if (existsSync(file)) this.shells.set(app, readFileSync(file));
    }
  }

  get isBuilt(): boolean {
    return this.shells.size === 2 && existsSync(this.assetsDir);
  }

  shell(app: 'shop' | 'console'): Buffer | undefined {
    return this.shells.get(app);
  }
}
