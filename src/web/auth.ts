/**
 * Who may come in: passwords hashed with scrypt (a random salt each, the parameters kept with the hash),
 * sessions as random tokens, a CSRF token per session, and failed sign-ins slowed down.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Role, Store, User } from './store.js';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));

/**
 * scrypt's cost: N = 2^17, r = 8, p = 1 — OWASP's Password Storage Cheat Sheet minimum (128 MiB and about
 * 0.6 s a hash on this project's 2-core machine). Hashes made with other parameters still verify: they are
 * kept in the hash.
 */
const COST = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A hash checked when the account does not exist, so that a wrong name takes as long as a wrong password. */
let decoy: Promise<string> | undefined;

export const token = (): string => randomBytes(32).toString('base64url');

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Failed sign-ins allowed in the window before each further attempt must wait. */
export const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_WAIT_MS = 15 * 60_000;

/**
 * How long a sign-in under this name or from this address must still wait (ms): nothing for the first
 * five failures in fifteen minutes, then 1 s after the sixth, 2 s after the seventh, doubling to 15 minutes.
 */
export function waitBeforeSignIn(store: Store, keys: readonly string[], now: number): number {
  let wait = 0;
  for (const key of keys) {
    const f = store.failures(key, now - WINDOW_MS);
    if (f.count < FREE_FAILURES) continue;
    const delay = Math.min(MAX_WAIT_MS, 1000 * 2 ** (f.count - FREE_FAILURES));
    wait = Math.max(wait, f.last + delay - now);
  }
  return Math.max(0, wait);
}

/**
 * The account, when the name and password match one; every failure recorded under the name and the address,
 * at the moment it is known (after the hash: on a busy server that takes more than the first wait).
 */
export async function signIn(store: Store, name: string, password: string, address: string, now: () => number): Promise<User | undefined> {
  const user = store.user(name);
  decoy ??= hashPassword(token());
  const ok = await checkPassword(password, user?.hash ?? (await decoy));
  if (user && ok) {
    store.clearFailures(`name:${name.toLowerCase()}`);
    return user;
  }
  const at = now();
  store.addFailure(`name:${name.toLowerCase()}`, at);
  store.addFailure(`address:${address}`, at);
  return undefined;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The account holds this role or a higher one. */
export const may = (user: User, role: Role): boolean => RANK[user.role] >= RANK[role];

/** The account may see this committee's meetings (no list: every committee). */
export const seesCommittee = (user: User, committee: string): boolean =>
  user.committees.length === 0 || user.committees.some((c) => c.toLowerCase() === committee.toLowerCase());
