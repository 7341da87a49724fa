/** The gateway's session cookie, for the clients of the shop this package drives (seed, tests). */
export const sessionCookieName = 'orchard_session';

/** The session cookie among `Set-Cookie` headers (either name), as a `Cookie` header value. */
export function sessionCookieFrom(setCookies: readonly string[]): string | undefined {
  return setCookies
    .find(
      (c) => c.startsWith(`${sessionCookieName}=`) || c.startsWith(`__Host-${sessionCookieName}=`),
    )
    ?.split(';')[0];
}
