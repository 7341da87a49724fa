/**
 * docker-compose files as compose reads them, for the specs that keep them in step with the
 * native stack: YAML merge keys resolved, `!override` honoured, `extends` of docker-compose.yml
 * followed, an override file merged over the base by compose's rules.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse, YAMLMap } from 'yaml';
import { repoRoot } from './paths';

export type Port = string | number | { published?: string | number; target?: string | number };
export type Volume = string | { type?: string; source?: string };

export interface Service {
  command?: string | string[];
  build?: string | { context?: string; dockerfile?: string };
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  restart?: string;
  environment?: Record<string, unknown> | string[];
  env_file?: string | (string | { path: string })[];
  ports?: Port[];
  /** Ports a container listens on for the project's network only. */
  expose?: (string | number)[];
  volumes?: Volume[];
}

export interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  'x-app-environment'?: Record<string, unknown>;
}

/** `!override` replaces what the base file says instead of merging with it; kept as a marker. */
const overrideMarker = '__override';
const overrideTag = (collection: 'map' | 'seq') => ({
  tag: '!override',
  collection,
  resolve(value: unknown) {
    const marked = new YAMLMap();
    marked.set(overrideMarker, value);
    return marked;
  },
});

/** `!reset` removes what the base file says (here: a build an extending service must not repeat). */
const resetMarker = '__reset';
const resetTag = {
  tag: '!reset',
  resolve() {
    const marked = new YAMLMap();
    marked.set(resetMarker, true);
    return marked;
  },
};

export function loadComposeFile(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8'), {
    merge: true,
    customTags: [overrideTag('map'), overrideTag('seq'), resetTag],
  }) as ComposeFile;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compose's merge: maps key by key, sequences appended, scalars and `!override` replace, `!reset` removes. */
function merge(base: unknown, over: unknown): unknown {
  if (isPlainObject(over) && overrideMarker in over) return over[overrideMarker];
  if (isPlainObject(over) && resetMarker in over) return undefined;
  if (Array.isArray(base) && Array.isArray(over)) return [...new Set([...base, ...over])];
  if (isPlainObject(base) && isPlainObject(over)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      const result = merge(base[key], value);
      if (result === undefined) delete merged[key];
      else merged[key] = result;
    }
    return merged;
  }
  return over;
}

/**
 * The project `docker compose -f base -f override` runs. A service that `extends` one of the
 * base file starts from it without its depends_on (never shared, per the compose docs).
 */
export function mergeComposeFiles(base: ComposeFile, override: ComposeFile): ComposeFile {
  const services: Record<string, Service> = { ...base.services };
  for (const [name, service] of Object.entries(override.services)) {
    const { extends: parent, ...own } = service as Service & { extends?: { service: string } };
    const start: Service = parent
      ? { ...base.services[parent.service], depends_on: undefined }
      : (base.services[name] ?? {});
    services[name] = merge(start, own) as Service;
  }
  return {
    ...base,
    services,
    volumes: { ...base.volumes, ...override.volumes },
  };
}

/** A map's or a list's variables; one without a value would come from the host's shell: unset. */
export function variables(environment: Service['environment']): Record<string, string> {
  const entries = Array.isArray(environment)
    ? environment
        .filter((e) => e.includes('='))
        .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])
    : Object.entries(environment ?? {}).filter(
        ([, value]) => value !== null && value !== undefined,
      );
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/** Host and container port of a published port: '127.0.0.1:5441:5432', '6379:6379' or long syntax. */
export function publishedPorts(svc: Service): { host: number; container: number }[] {
  return (svc.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') {
      return port.published === undefined
        ? []
        : [{ host: Number(port.published), container: Number(port.target) }];
    }
    const parts = String(port)
      .replace(/\/\w+$/, '')
      .split(':');
    // A container port alone gets a random host port: nothing fixed to compare.
    return parts.length < 2
      ? []
      : [{ host: Number(parts.at(-2)), container: Number(parts.at(-1)) }];
  });
}

/** Asserts a path the file names lies inside the repo and exists. */
export function assertInRepo(path: string, from: string, what: string): void {
  const absolute = resolve(from, path);
  const inside = relative(repoRoot, absolute);
  assert.ok(!inside.startsWith('..') && !isAbsolute(inside), `${what} ${path} is inside the repo`);
  assert.ok(existsSync(absolute), `${what} ${path} exists`);
}

/** A mount's source and whether it is a host path (else a named volume); none when anonymous. */
function mountSource(volume: Volume): { source: string; bind: boolean } | undefined {
  if (typeof volume === 'object') {
    return volume.source === undefined
      ? undefined
      : { source: volume.source, bind: volume.type === 'bind' };
  }
  const [source, target] = volume.split(':');
  return target === undefined ? undefined : { source, bind: /^[./~]/.test(source) };
}

/** Every mount is a file of the repo or a named volume the file declares. */
export function assertMountsInRepo(compose: ComposeFile): void {
  for (const [name, svc] of Object.entries(compose.services)) {
    for (const mount of (svc.volumes ?? []).map(mountSource)) {
      if (!mount) continue;
      if (mount.bind) assertInRepo(mount.source, repoRoot, `${name}: mount source`);
      else
        assert.ok(
          mount.source in (compose.volumes ?? {}),
          `${name}: volume ${mount.source} is declared`,
        );
    }
  }
}

/** Every address a container is given (URLs, DSNs, broker lists) names a port its target listens on. */
export function assertCallsListenedPorts(compose: ComposeFile): void {
  const listensOn = (svc: Service) => {
    const env = variables(svc.environment);
    const listeners = Object.entries(env)
      .filter(([key]) => key.endsWith('LISTENERS'))
      .flatMap(([, value]) => [...value.matchAll(/:(\d+)/g)].map((m) => Number(m[1])));
    return new Set([
      ...publishedPorts(svc).map((p) => p.container),
      ...(svc.expose ?? []).map(Number),
      ...(env['PORT'] ? [Number(env['PORT'])] : []),
      ...(env['MANAGEMENT_PORT'] ? [Number(env['MANAGEMENT_PORT'])] : []),
      ...listeners,
    ]);
  };
  // host:port after a scheme, a user, a comma or a space: URLs, DSNs and broker lists.
  const addresses = /(?:^|[\s,/@])([a-z][a-z0-9-]*):(\d{2,5})\b/g;
  let checked = 0;
  for (const [name, svc] of Object.entries(compose.services)) {
    for (const value of Object.values(variables(svc.environment))) {
      for (const [, host, port] of value.matchAll(addresses)) {
        const target = compose.services[host ?? ''];
        if (!target || host === name) continue; // not another container of the project
        assert.ok(listensOn(target).has(Number(port)), `${name} calls ${host}:${port}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 20, `${checked} addresses checked`);
}
