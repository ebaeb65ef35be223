declare module 'linebreak' {
  /** A break opportunity before the character at `position` (UAX #14). */
  export interface Break {
    position: number;
    required: boolean;
  }
  export class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
