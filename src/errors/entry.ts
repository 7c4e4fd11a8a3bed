/** One entry of the catalogue: its title (docs/ERRORS.md), its message from its arguments, and what to do. */
export interface Entry<A> {
  title: string;
  message: (args: A) => string;
  hint?: string;
}

/** A value quoted for a message. */
export const q = (s: unknown): string => JSON.stringify(String(s));

export function entry<A>(e: Entry<A>): Entry<A> {
  return e;
}

/** A short, printable rendering of a cell value as found. */
export function shown(value: unknown, max = 60): string {
  const text = value === null || value === undefined ? '' : String(value);
  const flat = text.replace(/\s+/g, ' ').trim();
  return q(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
