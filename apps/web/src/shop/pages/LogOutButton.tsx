import { useLocation } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { useAccount } from '../../ui/account.tsx';

export function LogOutButton() {
  const { setAccount } = useAccount();
  const [, navigate] = useLocation();
  const logOut = async () => {
    // Whatever the answer, this browser no longer acts as that account.
    await shop.logOut().catch(() => undefined);
    setAccount(null);
    navigate('/');
  };
  return (
    <button type="button" className="link-button" onClick={() => void logOut()}>
      Log out
    </button>
  );
}
