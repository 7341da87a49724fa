import ipaddr from 'ipaddr.js';

/**
 * Whether a delivery may connect to this address: only public unicast ones, unless private
 * targets are allowed (local development). Loopback, private, link-local (cloud metadata
 * services live there), carrier-grade NAT, multicast and reserved ranges are refused, IPv4
 * mapped into IPv6 judged as the IPv4 address it is.
 */
export function isAllowedTarget(address: string, allowPrivateTargets: boolean): boolean {
  if (allowPrivateTargets) return true;
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** A refused target, named for the operator without echoing what it resolved to. */
export class RefusedTargetError extends Error {
  constructor(host: string) {
    super(`${host} resolves to an address deliveries may not reach (private, loopback or local)`);
  }
}
