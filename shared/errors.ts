/**
 * An error the user caused or can act on: a bad file, no project at that path, a full disk.
 * It crosses the API seam as `{ code, message }` and reaches the user as one clear sentence
 * (Vietnamese; `code` lets the UI pick another language). Anything else is a programmer's error
 * and fails loudly.
 */
export class UserFacingError extends Error {
  readonly code: string;
  /** For an internal error that crossed the seam: what the log holds, behind "copy details". */
  details?: string;
  /** For invalid input: the path of the field at fault ("patch.date.start"), for a form to mark it. */
  field?: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
  }
}

export function isUserFacingError(e: unknown): e is UserFacingError {
  return e instanceof Error && e.name === 'UserFacingError' && typeof (e as UserFacingError).code === 'string';
}
