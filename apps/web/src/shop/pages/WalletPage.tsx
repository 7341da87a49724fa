import type { AccountView } from '@orchard/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { shop } from '../../api/endpoints.ts';
import { shopperWords } from '../../api/shopper-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { money } from '../../ui/money.ts';
import { useLoad } from '../../ui/use-load.ts';
import { RequireLogin } from './RequireLogin.tsx';

function Wallet({ account }: { account: AccountView }) {
  const wallet = useLoad(() => shop.wallet(account.id), 'wallet', [account.id]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef<string>(crypto.randomUUID());
  const deposit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const euros = Number(new FormData(form).get('amount'));
    setBusy(true);
    setError(undefined);
    try {
      await shop.deposit(account.id, Math.round(euros * 100), key.current);
      key.current = crypto.randomUUID();
      form.reset();
      wallet.reload();
    } catch (failure) {
      setError(shopperWords(failure, 'wallet'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorNotice message={wallet.error} />
      <dl className="facts" aria-live="polite">
        <dt>Balance</dt>
        <dd>{wallet.data ? money(wallet.data.balanceCents) : '…'}</dd>
        <dt>Held for orders in progress</dt>
        <dd>{wallet.data ? money(wallet.data.heldCents) : '…'}</dd>
      </dl>
      <form className="stack narrow" onSubmit={(event) => void deposit(event)}>
        <div className="field">
          <label htmlFor="amount">Amount (EUR)</label>
          <input id="amount" name="amount" type="number" min="0.01" step="0.01" required />
        </div>
        <ErrorNotice message={error} />
        <button type="submit" disabled={busy}>
          Deposit
        </button>
      </form>
    </>
  );
}

export function WalletPage() {
  return (
    <>
      <h1>Wallet</h1>
      <RequireLogin>{(account) => <Wallet account={account} />}</RequireLogin>
    </>
  );
}
