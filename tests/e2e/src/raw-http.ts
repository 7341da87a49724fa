import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { appPorts, host } from '@orchard/stack';
import { adminCookie } from './sessions';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A loopback address of its own, a client the gateway has not seen (Linux routes all of
 * 127.0.0.0/8 to the loopback interface): pass it as `from`.
 */
export const loopbackAddress = () =>
  `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export interface RawRequest {
  method?: string;
  /** Sent exactly as given: no URL parser normalises `..` or re-encodes anything. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The gateway's port; the stack's gateway by default. */
  port?: number;
  /** A loopback address to connect from (127.0.0.2 and on), to appear as another client. */
  from?: string;
  /** Without the administrator's session cookie, which is sent unless `headers` carry one. */
  anonymous?: boolean;
}

/** One HTTP request over a fresh connection, with nothing between the test and the wire. */
export async function rawRequest(options: RawRequest): Promise<RawAnswer> {
  const cookie =
    options.anonymous || options.headers?.['cookie'] !== undefined
      ? {}
      : { cookie: await adminCookie() };
  const headers = { ...cookie, ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port: options.port ?? appPorts.gateway,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        localAddress: options.from,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON request as a client sends it. */
export function jsonRequest(
  method: string,
  path: string,
  body: unknown,
  extra: Omit<RawRequest, 'method' | 'path' | 'body'> = {},
): Promise<RawAnswer> {
  return rawRequest({
    ...extra,
    method,
    path,
    headers: { 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify(body),
  });
}
