/** Small helpers the end-to-end specs share: screenshots, the editor's caret, the page's API. */
import type { Page } from '@playwright/test';
import path from 'node:path';

/** Saves a screenshot under $SUQUAN_SCREENSHOTS (when set) as `<prefix><name>.png`. */
export function screenshots(prefix = ''): (page: Page, name: string) => Promise<void> {
  const dir = process.env.SUQUAN_SCREENSHOTS;
  return async (page, name) => {
    if (dir) await page.screenshot({ path: path.join(dir, `${prefix}${name}.png`) });
  };
}

/**
 * Ctrl+End moves the caret natively and the editor learns of it from the asynchronous
 * selectionchange event; a key pressed within the same millisecond would act at the old caret.
 * Two animation frames let that event be delivered (a person is never that fast).
 */
export async function selectionSettled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Calls the API from the page, with the session the page already has. */
export async function call(page: Page, service: string, method: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    async ([s, m, a]) => {
      const res = await fetch(`api/${s}/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(a), credentials: 'same-origin' });
      const body = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message);
      return body.result;
    },
    [service, method, args] as const,
  );
}

/** A document's version, which a change of its title or metadata names (as the metadata panel does). */
export async function documentVersion(page: Page, id: number): Promise<number> {
  return ((await call(page, 'archive', 'getDocument', { id })) as { version: number }).version;
}

/** A page transcription's version, which a save of it names (as the transcription panel does). */
export async function pageTextVersion(page: Page, pageId: number): Promise<number> {
  return ((await call(page, 'archive', 'getPageText', { pageId })) as { textVersion: number }).textVersion;
}
