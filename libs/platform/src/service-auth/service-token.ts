import { randomUUID } from 'node:crypto';
import type { CryptoKey } from 'jose' with { 'resolution-mode': 'import' };
import { jose } from './jose';
import type { BoundRequest } from './request-binding';
import { callers, type Caller } from './service-keys';

/** The header a caller puts its token in, one token per request. */
export const serviceTokenHeader = 'x-service-token';

/** A token's life: long enough for a queued request, too short to be worth stealing. */
export const tokenLifetimeSeconds = 10;
/** How far the caller's and the service's clocks may disagree. */
export const clockToleranceSeconds = 5;

const algorithm = 'EdDSA';
/** Explicit typing (RFC 8725): no other JWT signed with a service's key passes for a service token. */
const tokenType = 'orchard-service+jwt';

/**
 * Signs one token per request (a JWT, EdDSA over Ed25519): who calls (`iss`), which service
 * (`aud`), a unique id (`jti`, for replay protection), a short life, and the request itself
 * (`htm`, `htu`, `bdh`: method, path, body digest) so a captured token opens nothing else.
 */
export class ServiceTokenIssuer {
  constructor(
    private readonly caller: Caller,
    private readonly key: CryptoKey,
  ) {}

  async issue(audience: string, request: BoundRequest): Promise<string> {
    const { SignJWT } = await jose();
    return new SignJWT({ htm: request.method, htu: request.path, bdh: request.bodyDigest })
      .setProtectedHeader({ alg: algorithm, kid: this.caller, typ: tokenType })
      .setIssuer(this.caller)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${tokenLifetimeSeconds}s`)
      .sign(this.key);
  }
}

/** Why a token was refused: said to the caller, and counted. */
export type TokenRefusal =
  | 'missing'
  | 'malformed'
  | 'unknown-caller'
  | 'bad-signature'
  | 'expired'
  | 'wrong-audience'
  | 'wrong-request'
  | 'replayed';

export class TokenRefused extends Error {
  constructor(readonly reason: TokenRefusal) {
    super(`service token refused: ${reason}`);
  }
}

export interface VerifiedToken {
  caller: Caller;
  id: string;
  /** When the token stops being accepted, tolerance included (epoch ms). */
  acceptedUntil: number;
  /** The body digest it was signed for; checked once the body has been read. */
  bodyDigest: string;
}

const isCaller = (value: unknown): value is Caller => callers.includes(value as Caller);

/**
 * Checks a token's signature against its caller's public key, its audience, its life and the
 * method and path it was signed for. Replays and the body are checked by the caller of this.
 */
export async function verifyServiceToken(
  token: string | undefined,
  audience: string,
  trusted: ReadonlyMap<Caller, CryptoKey>,
  request: Omit<BoundRequest, 'bodyDigest'>,
  now: Date = new Date(),
): Promise<VerifiedToken> {
  if (!token) throw new TokenRefused('missing');
  const { errors, jwtVerify } = await jose();
  let verified;
  try {
    verified = await jwtVerify(
      token,
      (header) => {
        const key = isCaller(header.kid) ? trusted.get(header.kid) : undefined;
        if (!key) throw new TokenRefused('unknown-caller');
        return key;
      },
      {
        algorithms: [algorithm],
        typ: tokenType,
        audience,
        clockTolerance: clockToleranceSeconds,
        maxTokenAge: tokenLifetimeSeconds + clockToleranceSeconds,
        requiredClaims: ['iss', 'aud', 'jti', 'iat', 'exp'],
        currentDate: now,
      },
    );
  } catch (error) {
    throw refusalOf(error, errors);
  }
  const { payload, protectedHeader } = verified;
  if (payload.iss !== protectedHeader.kid || !isCaller(payload.iss))
    throw new TokenRefused('unknown-caller');
  if (payload['htm'] !== request.method || payload['htu'] !== request.path)
    throw new TokenRefused('wrong-request');
  if (typeof payload['bdh'] !== 'string' || typeof payload.jti !== 'string')
    throw new TokenRefused('malformed');
  return {
    caller: payload.iss,
    id: payload.jti,
    acceptedUntil: ((payload.exp ?? 0) + clockToleranceSeconds) * 1000,
    bodyDigest: payload['bdh'],
  };
}

/** The claims of a token's life: outside it, the token is refused as expired. */
const timeClaims = new Set(['exp', 'iat', 'nbf']);

function refusalOf(
  error: unknown,
  errors: Awaited<ReturnType<typeof jose>>['errors'],
): TokenRefused {
  if (error instanceof TokenRefused) return error;
  if (error instanceof errors.JWTExpired) return new TokenRefused('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    // A claim that is missing, or a header of another kind, says the token is not one of ours.
    if (error.reason === 'check_failed' && error.claim === 'aud')
      return new TokenRefused('wrong-audience');
    if (error.reason === 'check_failed' && timeClaims.has(error.claim))
      return new TokenRefused('expired');
    return new TokenRefused('malformed');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRefused('bad-signature');
  return new TokenRefused('malformed');
}
