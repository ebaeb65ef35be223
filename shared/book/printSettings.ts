/**
 * The print settings' accepted values, for every place they are typed or checked: the Markdown
 * front matter (electron/core/publish/frontMatter.ts), the book's print settings
 * (shared/api/manuscript.ts) and the typesetter's page setup (electron/core/publish/setup.ts).
 */

/** Pages to a folded sheet (tay sách): a book's page count is made a multiple of one of them. */
export const SIGNATURES = [2, 8, 16, 32] as const;
export type Signature = (typeof SIGNATURES)[number];

export function isSignature(n: unknown): n is Signature {
  return (SIGNATURES as readonly unknown[]).includes(n);
}

/** The most bleed accepted, mm: print shops ask for 3 to 5. */
export const MAX_BLEED_MM = 10;
