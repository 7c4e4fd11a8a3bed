/**
 * What a config may say where it said a key nobody knows: the keys allowed at that place in the schema,
 * and the nearest of them. `columns: { project: [...] }` under a tracker is told the keys are `ref, title,
 * lead, rating, …` (the project is `title`), `councill:` that `council` is the nearest.
 */
import type { z } from 'zod';
import { nearest } from '../model/index.js';

/** The parts of zod's own schema description walked here (zod 4: `schema._zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The shapes of every object `schema` may be at `path`: array indices step into elements, a union gives each option's. */
function shapesAt(schema: z.ZodType, path: readonly PropertyKey[]): Record<string, z.ZodType>[] {
  const d = defOf(schema);
  const [head, ...rest] = path;
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return d.innerType ? shapesAt(d.innerType, path) : [];
    case 'pipe':
      return d.in ? shapesAt(d.in, path) : [];
    case 'lazy':
      return d.getter ? shapesAt(d.getter(), path) : [];
    case 'union':
      return (d.options ?? []).flatMap((o) => shapesAt(o, path));
    case 'intersection':
      return [d.left, d.right].flatMap((s) => (s ? shapesAt(s, path) : []));
    case 'array':
      return head !== undefined && d.element ? shapesAt(d.element, rest) : [];
    case 'record':
      return head !== undefined && d.valueType ? shapesAt(d.valueType, rest) : [];
    case 'object': {
      if (head === undefined) return d.shape ? [d.shape] : [];
      const next = d.shape?.[String(head)];
      return next ? shapesAt(next, rest) : [];
    }
    default:
      return [];
  }
}

/** The keys the schema allows in the object at `path`, in the schema's order (empty when it cannot tell). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(shapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}

/** The "found" half of an unknown key's message: `unknown keys "colour", "pages"`. */
export function unknownKeysFound(unknown: readonly string[]): string {
  return `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}`;
}

/**
 * The "expected" half of an unknown key's message: the keys allowed there and, for each unknown key near
 * one of them, that one. `docs/CONFIG.md` is named either way, as the place each key is explained.
 */
export function unknownKeysExpected(schema: z.ZodType, path: readonly PropertyKey[], unknown: readonly string[]): string {
  const keys = keysAt(schema, path);
  if (keys.length === 0) return 'only the keys documented in docs/CONFIG.md';
  const near = unknown.flatMap((u) => {
    const k = nearest(u, keys.map((key) => ({ text: key, label: key }))); // near enough to be a slip ("councill" → "council")
    return k ? [`the nearest to "${u}" is "${k}"`] : [];
  });
  return `only the keys documented in docs/CONFIG.md (${keys.join(', ')})${near.length > 0 ? `; ${near.join(', ')}` : ''}`;
}
