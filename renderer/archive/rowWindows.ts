/**
 * Windows of catalogue rows by offset, fetched around what is on screen and dropped when far from
 * it, so a view of 100,000 documents holds a few hundred rows. Pure (the fetch is given), so the
 * grid and the table share it and tests drive it without a window.
 */
import type { CatalogueFilter, CataloguePage, CatalogueRow } from '../../shared/api/catalogue';

export const WINDOW = 100;
/** Windows kept at most (the ones nearest the screen). */
export const KEEP_WINDOWS = 12;

export type FetchPage = (offset: number, limit: number) => Promise<CataloguePage>;

/**
 * Windows of rows by offset. `need(first, last)` asks for the rows of a range (and one window on
 * each side), `rowAt(i)` gives a row when its window is here. `reset(keepRows)` starts a new
 * generation: answers of the old one are ignored; with `keepRows` the old rows stay on screen
 * until their fresh copies arrive (the same view, changed data), without they go (another view).
 */
export class RowWindows {
  private windows = new Map<number, CatalogueRow[]>();
  private stale = new Map<number, CatalogueRow[]>();
  private loading = new Set<number>();
  private generation = 0;
  private center = 0;
  private wanted: [number, number] | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  total: number | null = null;
  totalIsExact = true;
  tookMs: number | null = null;
  error: string | null = null;

  constructor(
    private fetchPage: FetchPage,
    private onChange: () => void,
    private windowSize = WINDOW,
    private keep = KEEP_WINDOWS,
    /** With a delay, a range asked for while scrolling fast is fetched only if still wanted then. */
    private settleMs = 0,
  ) {}

  rowAt(i: number): CatalogueRow | undefined {
    const w = Math.floor(i / this.windowSize);
    return (this.windows.get(w) ?? this.stale.get(w))?.[i % this.windowSize];
  }

  /** Whether every row of [first, last] is here and fresh. */
  has(first: number, last: number): boolean {
    for (let w = Math.floor(first / this.windowSize); w <= Math.floor(last / this.windowSize); w++) if (!this.windows.has(w)) return false;
    return true;
  }

  /** Windows cached (fresh and stale), for tests and the memory bound. */
  get cachedWindows(): number {
    return new Set([...this.windows.keys(), ...this.stale.keys()]).size;
  }

  need(first: number, last: number): void {
    if (last < first) return;
    if (this.settleMs > 0) {
      if (this.has(first, last)) return;
      this.wanted = [first, last];
      this.timer ??= setTimeout(() => {
        this.timer = null;
        if (this.wanted) this.fetchAround(...this.wanted);
      }, this.settleMs);
      return;
    }
    this.fetchAround(first, last);
  }

  private fetchAround(first: number, last: number): void {
    const a = Math.max(0, Math.floor(first / this.windowSize) - 1);
    let b = Math.floor(last / this.windowSize) + 1;
    if (this.total !== null) b = Math.min(b, Math.max(0, Math.ceil(this.total / this.windowSize) - 1));
    this.center = (first + last) / 2 / this.windowSize;
    for (let w = a; w <= b; w++) if (!this.windows.has(w) && !this.loading.has(w)) void this.load(w);
  }

  reset(keepRows: boolean): void {
    this.generation++;
    this.loading.clear();
    if (keepRows) {
      for (const [w, rows] of this.windows) this.stale.set(w, rows);
    } else {
      this.stale.clear();
      this.total = null;
      this.tookMs = null;
    }
    this.windows.clear();
    this.error = null;
    // The first window always: it brings the count.
    void this.load(keepRows ? Math.max(0, Math.floor(this.center)) : 0);
    this.onChange();
  }

  private async load(w: number): Promise<void> {
    const gen = this.generation;
    this.loading.add(w);
    try {
      const page = await this.fetchPage(w * this.windowSize, this.windowSize);
      if (gen !== this.generation) return;
      this.windows.set(w, page.rows);
      this.stale.delete(w);
      if (this.total !== page.total) {
        // Rows past the new end are gone.
        const lastWindow = Math.ceil(page.total / this.windowSize) - 1;
        for (const k of [...this.stale.keys()]) if (k > lastWindow) this.stale.delete(k);
      }
      this.total = page.total;
      this.totalIsExact = page.totalIsExact;
      this.tookMs = page.tookMs;
      this.error = null;
      this.evict();
    } catch (e) {
      if (gen !== this.generation) return;
      this.error = e instanceof Error ? e.message : String(e);
      if (this.total === null) this.total = 0;
    } finally {
      if (gen === this.generation) this.loading.delete(w);
    }
    this.onChange();
  }

  /** Drops the windows farthest from the screen beyond the bound. */
  private evict(): void {
    const all = [...new Set([...this.windows.keys(), ...this.stale.keys()])];
    if (all.length <= this.keep) return;
    all.sort((x, y) => Math.abs(y + 0.5 - this.center) - Math.abs(x + 0.5 - this.center));
    for (const w of all.slice(0, all.length - this.keep)) {
      this.windows.delete(w);
      this.stale.delete(w);
    }
  }
}

/** A stable key of a filter (fields in a fixed order, empty ones left out). */
export function filterKey(filter: CatalogueFilter): string {
  return JSON.stringify(
    Object.keys(filter)
      .sort()
      .map((k) => [k, filter[k as keyof CatalogueFilter]])
      .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}
