import { Link, Route, Switch } from 'wouter';
import { useAccount } from '../ui/account';
import { useCart } from './cart';
import { LogOutButton } from './pages/LogOutButton';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/CatalogPage';
import { LogInPage } from './pages/LogInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { OrderTracePage } from './pages/OrderTracePage';
import { SignUpPage } from './pages/SignUpPage';
import { WalletPage } from './pages/WalletPage';

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
