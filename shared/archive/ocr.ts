/**
 * What optical character recognition leaves on a page: its words, each with a box on the page
 * image and the engine's confidence, and how the image was prepared (turned, straightened,
 * cropped) before it was read. Boxes are in pixels of the page image as the archive serves it
 * (before the page's display rotation), so a viewer can draw them over the scan it shows.
 */

/** [x0, y0, x1, y1]: left, top, right, bottom in image pixels. */
export type WordBox = [number, number, number, number];

export interface OcrWord {
  /** The word as read (NFC). */
  text: string;
  box: WordBox;
  /** 0–100, the engine's confidence in the word. */
  confidence: number;
  /** Index of the text line the word belongs to (0-based, in reading order). */
  line: number;
}

/** How the page image was prepared for recognition. */
export interface OcrPreparation {
  /** Clockwise degrees (0, 90, 180, 270) the image was turned to stand upright. */
  orientation: number;
  /** Degrees of skew corrected (positive: the text rose to the right). */
  skew: number;
  /** Black scanner borders removed: pixels cut from each side of the upright image. */
  borders: { top: number; right: number; bottom: number; left: number };
}

export interface PageOcr {
  pageId: number;
  /** Size of the image the boxes refer to. */
  width: number;
  height: number;
  words: OcrWord[];
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** The text as recognised (the page's text may have been corrected since). */
  text: string;
  /** "tesseract.js 7 / vie 4.0.0_best_int" */
  engine: string;
  preparation: OcrPreparation;
  createdAt: string;
  durationMs: number;
}

/** Words below this confidence are marked for checking in the transcription. */
export const LOW_CONFIDENCE = 75;
