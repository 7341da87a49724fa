import type { ProductView } from '@orchard/contracts';
import { useState } from 'react';
import { shop } from '../../api/endpoints';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { money } from '../../ui/money';
import { useLoad } from '../../ui/use-load';
import { cart } from '../cart';

function ProductCard({ product }: { product: ProductView }) {
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState('');
  const soldOut = product.available <= 0;
  const quantityId = `quantity-${product.sku}`;
  const add = () => {
    cart.add({ sku: product.sku, name: product.name, priceCents: product.priceCents, quantity });
    setAdded(`${quantity} × ${product.name} added to your cart.`);
  };
  return (
    <li className="card">
      <h2>{product.name}</h2>
      <p className="price">{money(product.priceCents)}</p>
      <p className={soldOut ? 'stock out' : 'stock'}>
        {soldOut ? 'Out of stock' : `${product.available} in stock`}
      </p>
      <div className="row">
        <label htmlFor={quantityId} className="visually-hidden">
          Quantity of {product.name}
        </label>
        <input
          id={quantityId}
          type="number"
          min={1}
          max={Math.max(1, product.available)}
          value={quantity}
          disabled={soldOut}
          onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))}
        />
        <button
          type="button"
          disabled={soldOut}
          onClick={add}
          aria-label={`Add ${product.name} to cart`}
        >
          Add to cart
        </button>
      </div>
      <p className="notice" aria-live="polite">
        {added}
      </p>
    </li>
  );
}

/** The catalog with what is available, a page at a time (by SKU). */
export function CatalogPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useLoad(() => shop.products(cursor), 'page', [cursor]);
  return (
    <>
      <h1>Catalog</h1>
      <ErrorNotice message={page.error} />
      {page.loading && !page.data && <p aria-live="polite">Loading the catalog…</p>}
      <ul className="cards">
        {page.data?.items.map((product) => (
          <ProductCard key={product.sku} product={product} />
        ))}
      </ul>
      <nav className="pager" aria-label="Catalog pages">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next page
        </button>
      </nav>
    </>
  );
}
