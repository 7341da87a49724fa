import { ProblemError } from './http.ts';

/** What a thing the shopper asked for is called, for "we couldn't find …". */
export type Subject = 'order' | 'product' | 'page' | 'wallet' | 'account';

/** An error in words a shopper understands: never a status code, a stack or raw JSON. */
export function shopperWords(error: unknown, subject: Subject = 'page'): string {
  if (!(error instanceof ProblemError))
    return 'Something went wrong on this page. Please reload it.';
  switch (error.status) {
    case 0:
      return 'We could not reach the shop. Check your connection and try again.';
    case 400:
    case 422: {
      const details = error.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
      return details.length
        ? `Please check what you entered — ${details.join('; ')}.`
        : `That could not be done: ${error.detail ?? 'please check what you entered'}.`;
    }
    case 401:
      return 'Please log in first.';
    case 403:
      return 'This page is for shop staff only.';
    case 404:
      return `We couldn't find that ${subject}.`;
    case 409:
      return subject === 'order'
        ? 'This order can no longer be cancelled.'
        : 'That was changed meanwhile. Please try again.';
    case 429:
      return `Too many attempts. Please try again in ${error.retryAfterSeconds ?? 60} seconds.`;
    default:
      return 'The shop is busy right now. Please try again in a moment.';
  }
}
