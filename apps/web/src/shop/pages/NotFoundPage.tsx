import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        We couldn't find that page. <Link href="/">Back to the catalog</Link>
      </p>
    </>
  );
}
