import type { CryptoKey } from 'jose' with { 'resolution-mode': 'import' };
import { jose } from './jose';
import { z } from 'zod';

/**
 * Who calls the services over HTTP: the gateway, on behalf of shoppers and administrators, and
 * an operator's tools (consistency checks that compare the views with the services' own data).
 * The saga's activities reach the services through Temporal's task queues, not HTTP.
 */
export const callers = ['gateway', 'operator'] as const;
export type Caller = (typeof callers)[number];

const base64url32Bytes = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte Ed25519 key, base64url-encoded');

const publicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64url32Bytes,
});
const privateJwk = publicJwk.extend({ d: base64url32Bytes, kid: z.enum(callers) });

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** A caller's private signing key, as a JWK whose `kid` names the caller. */
export const signingKeySetting = json(privateJwk);
export type SigningKeySetting = z.infer<typeof signingKeySetting>;

/** The callers a service trusts, each with its public key: `{"gateway": {kty, crv, x}}`. */
export const trustedKeysSetting = json(z.partialRecord(z.enum(callers), publicJwk)).refine(
  (keys) => Object.keys(keys).length > 0,
  'at least one caller',
);
export type TrustedKeysSetting = z.infer<typeof trustedKeysSetting>;

export const importSigningKey = async (jwk: SigningKeySetting): Promise<CryptoKey> =>
  (await (await jose()).importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;

export const importPublicKey = async (jwk: z.infer<typeof publicJwk>): Promise<CryptoKey> =>
  (await (
    await jose()
  ).importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;

/** A fresh key pair for a caller: each environment makes its own, none is ever committed. */
export async function generateServiceKey(
  caller: Caller,
): Promise<{ signingKey: SigningKeySetting; publicKey: z.infer<typeof publicJwk> }> {
  const { exportJWK, generateKeyPair } = await jose();
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exported = await exportJWK(pair.privateKey);
  const signingKey = privateJwk.parse({ ...exported, kid: caller });
  return { signingKey, publicKey: { kty: 'OKP', crv: 'Ed25519', x: signingKey.x } };
}
