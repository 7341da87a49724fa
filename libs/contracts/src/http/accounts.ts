import { z } from 'zod';

export const Role = z.enum(['customer', 'admin']);
export type Role = z.infer<typeof Role>;

/** Lower-cased so one address is one account whatever its capitals. */
const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

/** Long enough to resist guessing; bounded so hashing cannot be made expensive. */
const password = z.string().min(12, 'at least 12 characters').max(128);

export const SignUpRequest = z.object({ email, password }).strict();
export type SignUpRequest = z.infer<typeof SignUpRequest>;

export const LogInRequest = z.object({ email, password: z.string().min(1).max(128) }).strict();
export type LogInRequest = z.infer<typeof LogInRequest>;

/** An account as its owner sees it; its id is the customer id orders and wallets are kept under. */
export const AccountView = z.object({ id: z.uuid(), email: z.string(), role: Role });
export type AccountView = z.infer<typeof AccountView>;

/** The same answer to every sign-up, new address or not: it never tells whose address is taken. */
export const SignUpAccepted = z.object({ status: z.literal('accepted'), detail: z.string() });
export type SignUpAccepted = z.infer<typeof SignUpAccepted>;

export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: password })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** Something the owner of an account should know, e.g. that someone tried to sign up as them. */
export const AccountNotice = z.object({
  kind: z.enum(['sign-up-attempted']),
  at: z.iso.datetime({ offset: true }),
});
export type AccountNotice = z.infer<typeof AccountNotice>;
