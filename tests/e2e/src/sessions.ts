import { randomUUID } from 'node:crypto';
import { adminAccount, gatewayUrl, sessionCookieFrom } from '@orchard/stack';

/** Logs in: the account's id and the `Cookie` header value that carries the new session. */
export async function logInAs(
  email: string,
  password: string,
  baseUrl = gatewayUrl,
): Promise<{ id: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${email}: ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  return { id, cookie: cookieOf(response.headers.getSetCookie()) };
}

/** Logs in and returns the `Cookie` header value that carries the new session. */
export async function logIn(
  email: string,
  password: string,
  baseUrl = gatewayUrl,
): Promise<string> {
  return (await logInAs(email, password, baseUrl)).cookie;
}

/** The session cookie among `Set-Cookie` headers, as a `Cookie` header value. */
export function cookieOf(setCookies: string[]): string {
  const cookie = sessionCookieFrom(setCookies);
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

let admin: Promise<string> | undefined;

/** Logs the administrator in again next time: the session ran past its idle timeout. */
export function forgetAdminSession(): void {
  admin = undefined;
}

/** The administrator's session (shared by the tests that arrange data and read anything). */
export function adminCookie(): Promise<string> {
  admin ??= logIn(adminAccount().email, adminAccount().password).catch((error: unknown) => {
    admin = undefined; // a failed login (Redis away, say) is tried again next time
    throw error;
  });
  return admin;
}

export interface TestCustomer {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

const customerCookies = new Map<string, string>();

/** A new customer account, logged in. */
export async function signUpCustomer(): Promise<TestCustomer> {
  const email = `customer-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const response = await fetch(`${gatewayUrl}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 202) throw new Error(`sign-up: ${response.status}`);
  const { id, cookie } = await logInAs(email, password);
  customerCookies.set(id, cookie);
  return { id, email, password, cookie };
}

/** The session of a customer this process signed up. */
export function customerCookie(customerId: string): string {
  const cookie = customerCookies.get(customerId);
  if (!cookie) throw new Error(`customer ${customerId} was not signed up by this test`);
  return cookie;
}
