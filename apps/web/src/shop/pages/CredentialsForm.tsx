import { useState, type FormEvent } from 'react';
import { shopperWords } from '../../api/shopper-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

/** Email and password, sent by `submit`; its errors shown in a shopper's words. */
export function CredentialsForm({
  action,
  hint,
  submit,
}: {
  action: 'Log in' | 'Sign up';
  hint?: string;
  submit: (email: string, password: string) => Promise<void>;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await submit(String(form.get('email')), String(form.get('password')));
    } catch (failure) {
      setError(shopperWords(failure, 'account'));
      setBusy(false);
    }
  };
  return (
    <form className="stack narrow" onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" required autoComplete="email" />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoComplete={action === 'Log in' ? 'current-password' : 'new-password'}
          aria-describedby={hint ? 'password-hint' : undefined}
        />
        {hint && (
          <p id="password-hint" className="hint">
            {hint}
          </p>
        )}
      </div>
      <ErrorNotice message={error} />
      <button type="submit" disabled={busy}>
        {action}
      </button>
    </form>
  );
}
