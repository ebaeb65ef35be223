/**
 * The pages of a PDF drawn only where the user looks, so a 600-page book previews in little
 * memory: every page has a placeholder of its size from the start (page 1's size until the page
 * itself is read), so the scroll bar is right and any page can be scrolled to; pages coming near
 * the visible part are drawn (two at a time, nearest first); a page that has scrolled far away
 * gives its canvas back (zero-sized, then dropped) — a drawn A4 page is a few megabytes of pixels.
 */
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

export interface LazyPagesOptions {
  /** The scrolling element; the pages are placed in it. */
  scroller: HTMLElement;
  doc: PDFDocumentProxy;
  /** CSS pixels of a page's width. */
  width: number;
  /** What assistive technology calls page n ("Trang 12"). */
  label(n: number): string;
  /**
   * How far beyond the visible part pages are drawn, and how far they are kept once drawn, in
   * heights of the scroller (0.5: half a screen above and below).
   */
  drawMargin?: number;
  keepMargin?: number;
}

interface Slot {
  n: number;
  frame: HTMLElement;
  sheet: HTMLElement;
  /** The page's canvas while it is drawn or being drawn. */
  canvas: HTMLCanvasElement | null;
  task: RenderTask | null;
  near: boolean;
  /** The page could not be drawn: not tried again. */
  failed: boolean;
}

/** Pages drawn at once. */
const PARALLEL = 2;

export class LazyPages {
  private readonly slots: Slot[] = [];
  private readonly near = new Set<Slot>();
  private readonly observers: IntersectionObserver[] = [];
  private drawing = 0;
  private destroyed = false;

  /** Reads page 1's size and places a placeholder for every page. */
  static async create(opts: LazyPagesOptions): Promise<LazyPages> {
    const first = await opts.doc.getPage(1);
    const base = first.getViewport({ scale: 1 });
    first.cleanup();
    return new LazyPages(opts, Math.round((opts.width * base.height) / base.width));
  }

  private constructor(
    private readonly opts: LazyPagesOptions,
    height: number,
  ) {
    const fragment = document.createDocumentFragment();
    for (let n = 1; n <= opts.doc.numPages; n++) {
      const frame = document.createElement('figure');
      frame.className = 'preview-frame';
      frame.dataset.testid = 'preview-frame';
      frame.dataset.page = String(n);
      const sheet = document.createElement('div');
      sheet.className = 'preview-sheet';
      sheet.style.width = `${opts.width}px`;
      sheet.style.height = `${height}px`;
      sheet.setAttribute('role', 'img');
      sheet.setAttribute('aria-label', opts.label(n));
      const caption = document.createElement('figcaption');
      caption.textContent = String(n);
      frame.append(sheet, caption);
      fragment.append(frame);
      this.slots.push({ n, frame, sheet, canvas: null, task: null, near: false, failed: false });
    }
    opts.scroller.append(fragment);

    const bySlot = new Map(this.slots.map((s) => [s.frame as Element, s]));
    const margin = (m: number) => `${Math.round(m * 100)}% 0px`;
    const drawZone = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const slot = bySlot.get(e.target);
          if (!slot) continue;
          slot.near = e.isIntersecting;
          if (slot.near) this.near.add(slot);
          else this.near.delete(slot);
        }
        this.pump();
      },
      { root: opts.scroller, rootMargin: margin(opts.drawMargin ?? 0.5) },
    );
    const keepZone = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const slot = bySlot.get(e.target);
          if (slot && !e.isIntersecting) this.release(slot);
        }
      },
      { root: opts.scroller, rootMargin: margin(opts.keepMargin ?? 1) },
    );
    for (const s of this.slots) {
      drawZone.observe(s.frame);
      keepZone.observe(s.frame);
    }
    this.observers.push(drawZone, keepZone);
  }

  /** Pages drawn now (for tests and diagnostics). */
  get drawn(): number {
    return this.slots.filter((s) => s.canvas).length;
  }

  /** Stops drawing and gives every canvas back; the placeholders are removed. */
  destroy(): void {
    this.destroyed = true;
    for (const o of this.observers) o.disconnect();
    for (const s of this.slots) {
      this.release(s);
      s.frame.remove();
    }
    this.near.clear();
  }

  /** Starts drawing the waiting page nearest the middle of the view, while fewer than PARALLEL are drawing. */
  private pump(): void {
    while (!this.destroyed && this.drawing < PARALLEL) {
      const waiting = [...this.near].filter((s) => !s.canvas && !s.failed);
      if (waiting.length === 0) return;
      const view = this.opts.scroller.getBoundingClientRect();
      const middle = view.top + view.height / 2;
      const distance = (s: Slot) => {
        const r = s.frame.getBoundingClientRect();
        return Math.abs(r.top + r.height / 2 - middle);
      };
      const next = waiting.reduce((a, b) => (distance(b) < distance(a) ? b : a));
      this.drawing++;
      void this.draw(next).finally(() => {
        this.drawing--;
        this.pump();
      });
    }
  }

  private async draw(slot: Slot): Promise<void> {
    const canvas = document.createElement('canvas');
    slot.canvas = canvas;
    let page: Awaited<ReturnType<PDFDocumentProxy['getPage']>> | null = null;
    try {
      page = await this.opts.doc.getPage(slot.n);
      if (this.destroyed || slot.canvas !== canvas) return;
      const base = page.getViewport({ scale: 1 });
      // The page's own size, now that it is known.
      slot.sheet.style.height = `${Math.round((this.opts.width * base.height) / base.width)}px`;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (this.opts.width / base.width) * ratio });
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      canvas.className = 'preview-page';
      slot.sheet.append(canvas);
      const task = page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport });
      slot.task = task;
      await task.promise;
      if (slot.canvas === canvas) {
        slot.task = null;
        slot.frame.dataset.rendered = 'true';
      }
    } catch (e) {
      // Released while drawing (scrolled away, or the dialog closed): nothing to report.
      if (slot.canvas !== canvas || this.destroyed || (e instanceof Error && e.name === 'RenderingCancelledException')) return;
      console.warn(`Không vẽ được trang ${slot.n} của bản xem trước`, e);
      slot.failed = true;
      this.release(slot);
      slot.frame.dataset.failed = 'true';
    } finally {
      page?.cleanup();
    }
  }

  /** Gives a page's canvas back: its pixels freed at once (zero size), the element dropped. */
  private release(slot: Slot): void {
    const canvas = slot.canvas;
    if (!canvas) return;
    slot.canvas = null;
    slot.task?.cancel();
    slot.task = null;
    canvas.width = 0;
    canvas.height = 0;
    canvas.remove();
    delete slot.frame.dataset.rendered;
  }
}
