/**
 * The `style:` block of meeting.yaml: a council's logo, colours and font, laid over the house style
 * without editing templates. Colours are checked here so that text on every rating fill keeps a
 * 4.5:1 contrast (WCAG 2.1 AA); the font is a plain family list, never arbitrary CSS.
 */
import { z } from 'zod';
import type { FileRef } from './meeting.js';

const hex = z
  .string()
  .regex(/^#?[0-9a-f]{6}$/i, { error: 'a colour written RRGGBB, e.g. D4351C' })
  .transform((h) => `#${h.replace('#', '').toLowerCase()}`);

/** Relative luminance (WCAG 2.1). */
export function luminance(hexColour: string): number {
  const c = hexColour.replace('#', '');
  const ch = [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

export const INK = '#0b0c0c';
export const PAPER = '#ffffff';

/** The text colour (ink or white) that reads best on a fill, and its contrast. */
export function textOn(fill: string): { text: string; ratio: number } {
  const dark = contrast(fill, INK);
  const light = contrast(fill, PAPER);
  return dark >= light ? { text: INK, ratio: dark } : { text: PAPER, ratio: light };
}

const ratingFill = hex.refine((h) => textOn(h).ratio >= 4.5, {
  error: (issue) => `a colour on which black or white text reaches 4.5:1 (this one reaches ${textOn(String(issue.input).startsWith('#') ? String(issue.input) : `#${String(issue.input)}`).ratio.toFixed(2)}:1)`,
});

export const styleSchema = z
  .object({
    logo: z.string().trim().min(1).optional(), // a PNG, JPEG or SVG file, shown in the heading block
    colours: z
      .object({
        red: ratingFill.optional(),
        amber: ratingFill.optional(),
        green: ratingFill.optional(),
        blue: ratingFill.optional(),
        grey: ratingFill.optional(),
        accent: hex.optional(), // rules under the heading block and section headings
      })
      .strict()
      .optional(),
    font: z
      .string()
      .regex(/^[A-Za-z0-9 ,'"-]{1,120}$/, { error: 'a font family list such as "Arial, sans-serif" (letters, digits, spaces, commas, quotes)' })
      .optional(),
  })
  .strict();

export interface StyleConfig {
  logo: FileRef | undefined;
  colours: Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'grey' | 'accent', string>>;
  font: string | undefined;
}
