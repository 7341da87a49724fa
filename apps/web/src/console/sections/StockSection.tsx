import { operations } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { Section } from './Section.tsx';

/** Stock as inventory holds it, lowest against its alert level first. */
export function StockSection() {
  const stock = useLoad(() => operations.stock(), 'product', []);
  const low = stock.data?.filter((s) => s.low).length ?? 0;
  return (
    <Section id="stock" title="Stock" onRefresh={stock.reload} busy={stock.loading}>
      <ErrorNotice message={stock.error} />
      {stock.data && (
        <p>{low === 0 ? 'No product is low on stock.' : `${low} product(s) low on stock.`}</p>
      )}
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Product</th>
              <th scope="col">Warehouse</th>
              <th scope="col">Available</th>
              <th scope="col">Alert at</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {stock.data?.map((s) => (
              <tr key={s.sku} className={s.low ? 'attention' : undefined}>
                <td>{s.sku}</td>
                <td>{s.name}</td>
                <td>{s.warehouse}</td>
                <td>{s.available}</td>
                <td>{s.lowStockThreshold}</td>
                <td>{s.low ? 'Low stock' : 'OK'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
