import { stackSecrets } from '@orchard/stack';
import {
  bodyDigest,
  importSigningKey,
  serviceTokenHeader,
  ServiceTokenIssuer,
  type Caller,
} from '@orchard/platform/service-auth';

const issuers = new Map<Caller, Promise<ServiceTokenIssuer>>();

/** Signs as one of this environment's callers, with its key from the stack's secrets. */
export function issuerFor(caller: Caller): Promise<ServiceTokenIssuer> {
  let issuer = issuers.get(caller);
  if (!issuer) {
    issuer = importSigningKey(stackSecrets().serviceKeys[caller].signingKey).then(
      (key) => new ServiceTokenIssuer(caller, key),
    );
    issuers.set(caller, issuer);
  }
  return issuer;
}

export interface ServiceCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
}

/** A token for `service` and this call, as its caller would sign it. */
export async function tokenFor(
  caller: Caller,
  service: string,
  call: ServiceCall,
): Promise<string> {
  const issuer = await issuerFor(caller);
  return issuer.issue(service, {
    method: call.method,
    path: call.path,
    bodyDigest: bodyDigest(call.body),
  });
}

/** Sends a call to a service's base URL with the given token (or none). */
export function sendWithToken(
  baseUrl: string,
  call: ServiceCall,
  token?: string,
): Promise<Response> {
  return fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: {
      ...(token === undefined ? {} : { [serviceTokenHeader]: token }),
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: call.body,
  });
}

/** A service's answer to an operator's GET: what consistency checks compare the views with. */
export async function operatorGet<T>(baseUrl: string, service: string, path: string): Promise<T> {
  const call: ServiceCall = { method: 'GET', path };
  const response = await sendWithToken(baseUrl, call, await tokenFor('operator', service, call));
  if (!response.ok) throw new Error(`GET ${baseUrl}${path}: ${response.status}`);
  return (await response.json()) as T;
}
