import type { Caller } from './service-keys';

/**
 * Which routes each caller may call on a service, as `METHOD /route/:param` (Fastify's route
 * patterns): a service accepts only the callers and routes the architecture needs.
 */
export type CallerPolicy = Partial<Record<Caller, readonly string[]>>;

export function allows(
  policy: CallerPolicy,
  caller: Caller,
  method: string,
  route: string,
): boolean {
  return policy[caller]?.includes(`${method} ${route}`) ?? false;
}
