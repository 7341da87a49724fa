import { useLocation } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { CredentialsForm } from './CredentialsForm.tsx';

export function SignUpPage() {
  const [, navigate] = useLocation();
  const signUp = async (email: string, password: string) => {
    await shop.signUp(email, password);
    // The same answer whether the address was free: the shopper logs in next.
    navigate('/login?signed-up=1');
  };
  return (
    <>
      <h1>Sign up</h1>
      <CredentialsForm
        action="Sign up"
        hint="At least 12 characters. A long passphrase is best."
        submit={signUp}
      />
    </>
  );
}
