/**
 * The machinery of the one API contract: each service declares its methods as input schemas
 * (zod) plus a phantom output type. The Electron preload, the HTTP host and the CLI all bind the
 * same contracts to the same core services (see electron/core/binding.ts), and the renderer builds
 * its client from the same contracts (see shared/api/client.ts).
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the output type; never read at run time. */
  readonly output?: O;
}

/** Declares a method: `method<OutputType>()(inputSchema)`. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

export type ServiceContract = Record<string, MethodSpec>;

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

/** What a core service must implement for a contract. */
export type ServiceImpl<C extends ServiceContract> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>) => Promise<OutputOf<C[K]>> | OutputOf<C[K]>;
};

/** What a client sees for a contract: every method is async. */
export type ServiceClient<C extends ServiceContract> = {
  [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

/** An error as it crosses the seam. */
export interface WireError {
  code: string;
  message: string;
  /** For internal errors: what the log holds (where, when, the stack), for "copy details". */
  details?: string;
  /** For invalid input: the path of the field at fault ("patch.date.start"), for a form to mark it. */
  field?: string;
}

export type WireResponse = { ok: true; result: unknown } | { ok: false; error: WireError };
