import type { AccountView } from '@orchard/contracts';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useAccount } from '../../ui/account.tsx';

/** Shows `children` to a logged-in shopper; anyone else is offered to log in and come back. */
export function RequireLogin({ children }: { children: (account: AccountView) => ReactNode }) {
  const { account } = useAccount();
  const [location] = useLocation();
  if (account === undefined) return <p aria-live="polite">Loading…</p>;
  if (account === null)
    return (
      <p>
        Please <Link href={`/login?next=${encodeURIComponent(`/shop${location}`)}`}>log in</Link>{' '}
        first.
      </p>
    );
  return <>{children(account)}</>;
}
