import type { ProductView } from '@orchard/contracts';
import { useState } from 'react';
import { shop } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { money } from '../../ui/money.ts';
import { firstPage, shownCursor, type PageTrail } from '../../ui/page-trail.ts';
import { Pager } from '../../ui/Pager.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { cart } from '../cart.ts';

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
  const [trail, setTrail] = useState<PageTrail>(firstPage);
  const cursor = shownCursor(trail);
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
      <Pager
        label="Catalog pages"
        trail={trail}
        nextCursor={page.data?.nextCursor}
        onChange={setTrail}
      />
    </>
  );
}
