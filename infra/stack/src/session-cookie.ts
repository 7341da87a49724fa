/** The gateway's session cookie, for the clients of the shop this package drives (seed, tests). */
export const sessionCookieName = 'orchard_session';

/** The session cookie among `Set-Cookie` headers, as a `Cookie` header value; undefined if none. */
export function sessionCookieFrom(setCookies: readonly string[]): string | undefined {
  return setCookies.find((c) => c.startsWith(`${sessionCookieName}=`))?.split(';')[0];
}
