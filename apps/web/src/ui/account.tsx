import type { AccountView } from '@orchard/contracts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { shop } from '../api/endpoints.ts';

interface AccountState {
  /** undefined while asking; null when nobody is logged in. */
  account: AccountView | null | undefined;
  setAccount: (account: AccountView | null) => void;
}

/** Outside a provider nobody is known, and nobody can be set: a programming error. */
const AccountContext = createContext<AccountState>({
  account: undefined,
  setAccount: () => {
    throw new Error('useAccount is used outside an AccountProvider');
  },
});

/** Who is logged in, asked once per page load (GET /auth/me), and changed by log in / out. */
export function AccountProvider({ children }: { children: ReactNode }) {
  const [account, setAccountState] = useState<AccountView | null | undefined>(undefined);
  const setAccount = useCallback((next: AccountView | null) => setAccountState(next), []);
  useEffect(() => {
    // Any failure (401 above all) shows the shop as to a visitor; the API still decides.
    shop.me().then(setAccountState, () => setAccountState(null));
  }, []);
  return <AccountContext value={{ account, setAccount }}>{children}</AccountContext>;
}

export const useAccount = () => useContext(AccountContext);
