import { useLocation, useSearch } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { useAccount } from '../../ui/account.tsx';
import { CredentialsForm } from './CredentialsForm.tsx';

/** Only a path of this site's own pages: `next` must never send a shopper elsewhere. */
export function safeNext(next: string | null): string | undefined {
  return next && /^\/(shop|console)(\/[\w\-/%.?=&]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : undefined;
}

export function LogInPage() {
  const { setAccount } = useAccount();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const logIn = async (email: string, password: string) => {
    const account = await shop.logIn(email, password);
    setAccount(account);
    // The console is another app: a full page load. The storefront's pages route in place.
    if (next?.startsWith('/console')) window.location.assign(next);
    else navigate(next ? next.slice('/shop'.length) || '/' : '/');
  };
  return (
    <>
      <h1>Log in</h1>
      <CredentialsForm action="Log in" submit={logIn} />
    </>
  );
}
