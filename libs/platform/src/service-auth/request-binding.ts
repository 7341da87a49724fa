import { createHash } from 'node:crypto';

/** The request a service token is good for: one method, one path with its query, one body. */
export interface BoundRequest {
  method: string;
  /** Path and query string, exactly as sent. */
  path: string;
  /** SHA-256 of the body's bytes (of nothing, when there is no body), base64url. */
  bodyDigest: string;
}

export const bodyDigest = (body: string | Buffer = ''): string =>
  createHash('sha256').update(body).digest('base64url');
