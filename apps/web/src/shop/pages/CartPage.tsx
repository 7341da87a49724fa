import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { shopperWords } from '../../api/shopper-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { money } from '../../ui/money.ts';
import { cart, useCart } from '../cart.ts';
import { RequireLogin } from './RequireLogin.tsx';

const countries = [
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['AT', 'Austria'],
  ['BE', 'Belgium'],
  ['US', 'United States'],
] as const;

const addressFields = [
  ['name', 'Full name', 'name'],
  ['line1', 'Address', 'street-address'],
  ['city', 'City', 'address-level2'],
  ['postalCode', 'Postal code', 'postal-code'],
] as const;

function CheckoutForm() {
  const lines = useCart();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string>();
  const [placing, setPlacing] = useState(false);
  // One key per checkout attempt, kept until the order is accepted: a second click, or a retry
  // after a lost answer, places the same order again, which the gateway answers once.
  const key = useRef<string>(crypto.randomUUID());

  const placeOrder = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (placing) return;
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setPlacing(true);
    setError(undefined);
    try {
      const accepted = await shop.placeOrder(
        {
          items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          shippingAddress: {
            name: text('name'),
            line1: text('line1'),
            city: text('city'),
            postalCode: text('postalCode'),
            country: text('country'),
          },
        },
        key.current,
      );
      cart.clear();
      key.current = crypto.randomUUID();
      navigate(`/orders/${accepted.orderId}`);
    } catch (failure) {
      setError(shopperWords(failure, 'order'));
      setPlacing(false);
    }
  };

  return (
    <form className="stack" onSubmit={(event) => void placeOrder(event)} aria-labelledby="checkout">
      <h2 id="checkout">Shipping address</h2>
      {addressFields.map(([name, label, autoComplete]) => (
        <div className="field" key={name}>
          <label htmlFor={`address-${name}`}>{label}</label>
          <input id={`address-${name}`} name={name} required autoComplete={autoComplete} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="address-country">Country</label>
        <select id="address-country" name="country" defaultValue="DE">
          {countries.map(([code, name]) => (
            <option key={code} value={code}>
              {name} ({code})
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice message={error} />
      <button type="submit" disabled={placing || lines.length === 0}>
        {placing ? 'Placing your order…' : 'Place order'}
      </button>
    </form>
  );
}

export function CartPage() {
  const lines = useCart();
  const total = lines.reduce((sum, l) => sum + l.priceCents * l.quantity, 0);
  return (
    <>
      <h1>Cart</h1>
      {lines.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Items in your cart</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">Price</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.sku}>
                <td>{line.name}</td>
                <td>
                  <label htmlFor={`cart-${line.sku}`} className="visually-hidden">
                    Quantity of {line.name} in the cart
                  </label>
                  <input
                    id={`cart-${line.sku}`}
                    type="number"
                    min={1}
                    value={line.quantity}
                    onChange={(e) =>
                      cart.setQuantity(line.sku, Math.max(1, Number(e.target.value) || 1))
                    }
                  />
                </td>
                <td>{money(line.priceCents * line.quantity)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => cart.remove(line.sku)}
                  >
                    Remove {line.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td>{money(total)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {lines.length > 0 && <RequireLogin>{() => <CheckoutForm />}</RequireLogin>}
    </>
  );
}
