/**
 * Node's own answer to an uncaught exception or an unhandled rejection is a bare stack and exit
 * code 1, which reads as "bad input". Under `suquan` they are internal errors like a thrown one:
 * logged with the stack, one sentence for the user, exit 70.
 */
import { INTERNAL_ERROR_EXIT, logInternalError } from './internalError';

/** Installs the process-wide handlers; `report` logs and prints, then the process exits 70. */
export function exitOnCrash(report: (error: unknown, how: string) => Promise<void>): void {
  let reporting = false;
  const onCrash = (how: string) => (error: unknown) => {
    process.exitCode = INTERNAL_ERROR_EXIT;
    // A second crash while the first is reported is logged, not reported twice.
    if (reporting) return void logInternalError(error, how);
    reporting = true;
    void report(error, how)
      .catch(() => {})
      .finally(() => process.exit(INTERNAL_ERROR_EXIT));
  };
  process.on('uncaughtException', onCrash('uncaughtException'));
  process.on('unhandledRejection', onCrash('unhandledRejection'));
}
