/**
 * Binds the contracts to service implementations once, generically: every transport (Electron
 * IPC, HTTP, CLI, tests' in-memory transport) calls `dispatch(service, method, args)`. Arguments
 * are validated with the contract's schema here, so no service ever sees unchecked input.
 */
import { isUserFacingError } from '../errors';
import type { ServiceImpl, WireResponse } from './contract';
import { invalidInputMessage } from './fieldLabels';
import { contracts, isMethodName, isServiceName, type Contracts } from './index';

export type Services = { [S in keyof Contracts]: ServiceImpl<Contracts[S]> };

export type Dispatch = (service: string, method: string, args: unknown) => Promise<WireResponse>;

/**
 * Called with programmer errors (not user-facing ones) so hosts can log them; returns what the
 * user may copy behind "copy details" (where, when, the stack), or nothing.
 */
export type ErrorSink = (error: unknown, where: string) => string | void;

/** Turns an error the user can act on (a full disk, a busy database) into a sentence, or null. */
export type ErrorTranslator = (error: unknown) => { code: string; message: string } | null;

export function createDispatcher(services: Services, onError: ErrorSink = () => {}, translate: ErrorTranslator = () => null): Dispatch {
  return async (service, method, args) => {
    if (!isServiceName(service) || !isMethodName(service, method)) {
      return { ok: false, error: { code: 'api.unknown-method', message: `Không có chức năng ${service}.${method}.` } };
    }
    const spec = (contracts[service] as Record<string, { input: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string; path: PropertyKey[] }[] } } } }>)[method]!;
    const parsed = spec.input.safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error?.issues[0];
      const field = issue && issue.path.length ? { field: issue.path.map(String).join('.') } : {};
      return { ok: false, error: { code: 'api.invalid-input', message: invalidInputMessage(issue), ...field } };
    }
    const impl = (services[service] as Record<string, (input: unknown) => unknown>)[method]!;
    try {
      const result = await impl.call(services[service], parsed.data);
      return { ok: true, result: result ?? null };
    } catch (e) {
      if (isUserFacingError(e)) return { ok: false, error: { code: e.code, message: e.message } };
      const known = translate(e);
      if (known) return { ok: false, error: { code: known.code, message: known.message } };
      const details = onError(e, `${service}.${method}`);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Lỗi nội bộ khi thực hiện ${service}.${method}: ${(e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '')}. Chi tiết đã được ghi vào nhật ký.`,
          ...(details ? { details } : {}),
        },
      };
    }
  };
}
