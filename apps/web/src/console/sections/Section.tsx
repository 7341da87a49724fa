import type { ReactNode } from 'react';

/** A titled region of the console with its own Refresh: nothing polls on a timer. */
export function Section({
  id,
  title,
  onRefresh,
  busy,
  children,
}: {
  id: string;
  title: string;
  onRefresh: () => void;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="panel">
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        <button type="button" onClick={onRefresh} disabled={busy}>
          Refresh
        </button>
      </div>
      {children}
    </section>
  );
}
