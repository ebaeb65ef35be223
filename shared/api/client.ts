/**
 * Builds a typed client for every contract over any transport. The renderer uses it over IPC or
 * HTTP; tests use it over an in-memory transport straight into `createDispatcher`.
 */
import { UserFacingError } from '../errors';
import type { WireResponse } from './contract';
import { contracts, type Api } from './index';

export type Transport = (service: string, method: string, args: unknown) => Promise<WireResponse>;

export function createClient(transport: Transport): Api {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const [service, contract] of Object.entries(contracts)) {
    const methods: Record<string, (args: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(contract)) {
      methods[method] = async (args: unknown) => {
        const response = await transport(service, method, args);
        if (response.ok) return response.result;
        const error = new UserFacingError(response.error.code, response.error.message);
        if (response.error.details) error.details = response.error.details;
        if (response.error.field) error.field = response.error.field;
        throw error;
      };
    }
    api[service] = methods;
  }
  return api as unknown as Api;
}
