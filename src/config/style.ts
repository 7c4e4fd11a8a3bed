/**
 * The `style:` block of meeting.yaml: a council's logo, colours and font, laid over the house style
 * without editing templates. Colours are checked here so that text on every rating fill keeps a
 * 4.5:1 contrast (WCAG 2.1 AA); the font is a plain family list, never arbitrary CSS.
 */
import { z } from 'zod';
import { textOn } from '../model/index.js';

const hex = z
  .string()
  .regex(/^#?[0-9a-f]{6}$/i, { error: 'a colour written RRGGBB, e.g. D4351C' })
  .transform((h) => `#${h.replace('#', '').toLowerCase()}`);

const ratingFill = hex.refine((h) => textOn(h).ratio >= 4.5, {
  error: (issue) => `a colour on which black or white text reaches 4.5:1 (this one reaches ${textOn(String(issue.input).startsWith('#') ? String(issue.input) : `#${String(issue.input)}`).ratio.toFixed(2)}:1)`,
});

export const styleSchema = z
  .object({
    logo: z.string().trim().min(1).optional(), // a PNG, JPEG or SVG file, shown in the heading block
    wordTemplate: z.string().trim().min(1).optional(), // a .docx whose styles (Title, Heading 1–4, Caption…) the Word copies use
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
