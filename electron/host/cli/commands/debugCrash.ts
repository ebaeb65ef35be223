import type { CliCommand } from '../command';
import { UserFacingError } from '../command';

/**
 * `suquan debug-crash [throw|uncaught|rejection]`, left out of --help: fails on purpose in each of
 * the ways a bug can, so tests (and anyone doubting a log setup) can see the CLI's answer to an
 * internal error: one sentence, the stack in the log and on stderr, exit 70. No command has a
 * known crash to test that with, and a crash found by a test would soon be fixed.
 */
export const debugCrashCommand: CliCommand = {
  async run(ctx) {
    const how = ctx.args[0] ?? 'throw';
    const bug = new Error(`lỗi thử (${how})`);
    switch (how) {
      case 'throw':
        throw bug;
      case 'uncaught':
        setTimeout(() => {
          throw bug;
        }, 0);
        break;
      case 'rejection':
        void Promise.reject(bug);
        break;
      default:
        throw new UserFacingError('cli.bad-argument', 'Cách gây lỗi phải là throw, uncaught hoặc rejection.');
    }
    // The command is still "running" when the bug surfaces, as a real one would be.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    return { human: 'Không có lỗi nào xảy ra.', json: null };
  },
};
