import { Link, Route, Switch } from 'wouter';
import { useAccount } from '../ui/account.tsx';
import { useCart } from './cart.ts';
import { LogOutButton } from './pages/LogOutButton.tsx';
import { CartPage } from './pages/CartPage.tsx';
import { CatalogPage } from './pages/CatalogPage.tsx';
import { LogInPage } from './pages/LogInPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OrderPage } from './pages/OrderPage.tsx';
import { OrdersPage } from './pages/OrdersPage.tsx';
import { OrderTracePage } from './pages/OrderTracePage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { WalletPage } from './pages/WalletPage.tsx';

function Header() {
  const { account } = useAccount();
  const items = useCart().reduce((sum, line) => sum + line.quantity, 0);
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Orchard
      </Link>
      <nav aria-label="Shop">
        <Link href="/">Catalog</Link>
        <Link href="/cart">Cart ({items})</Link>
        {account && <Link href="/orders">Orders</Link>}
        {account && <Link href="/wallet">Wallet</Link>}
        {account?.role === 'admin' && <a href="/console/">Operations console</a>}
      </nav>
      <div className="who">
        {account ? (
          <>
            <span>{account.email}</span> <LogOutButton />
          </>
        ) : (
          account === null && (
            <>
              <Link href="/login">Log in</Link> <Link href="/signup">Sign up</Link>
            </>
          )
        )}
      </div>
    </header>
  );
}

/** The storefront's pages, under /shop (the router's base). */
export function App() {
  return (
    <>
      <Header />
      <main>
        <Switch>
          <Route path="/" component={CatalogPage} />
          <Route path="/cart" component={CartPage} />
          <Route path="/login" component={LogInPage} />
          <Route path="/signup" component={SignUpPage} />
          <Route path="/orders" component={OrdersPage} />
          <Route path="/orders/:id/trace" component={OrderTracePage} />
          <Route path="/orders/:id" component={OrderPage} />
          <Route path="/wallet" component={WalletPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </main>
    </>
  );
}
