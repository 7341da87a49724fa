import { useParams } from 'wouter';
import { TraceView } from '../../trace/TraceView.tsx';

/** An order's trace, for administrators (the API refuses it to anyone else). */
export function OrderTracePage() {
  const { id } = useParams<{ id: string }>();
  return <TraceView orderId={id} />;
}
