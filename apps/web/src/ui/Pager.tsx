import { hasPrevious, next, previous, type PageTrail } from './page-trail.ts';

/** Previous and next page buttons over a trail of cursors (see page-trail.ts). */
export function Pager({
  label,
  trail,
  nextCursor,
  onChange,
}: {
  label: string;
  trail: PageTrail;
  nextCursor: string | null | undefined;
  onChange: (trail: PageTrail) => void;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        disabled={!hasPrevious(trail)}
        onClick={() => onChange(previous(trail))}
      >
        Previous page
      </button>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() => onChange(next(trail, nextCursor))}
      >
        Next page
      </button>
    </nav>
  );
}
