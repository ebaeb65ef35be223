import zlib, { deflateSync } from 'node:zlib';

/**
 * Deflate for many small content streams (one per page) through one zlib stream, reset between
 * inputs. `deflateSync` sets up and tears down a zlib stream per call (~300 KB of fresh memory),
 * which cost ~0.25 ms a page on a cold process — about 150 ms for a 600-page book — against
 * ~15 ms for the compression itself. The output is the same bytes: a reset stream is a new
 * stream with the same parameters.
 *
 * This drives the native handle the way Node's own `deflateSync` does (`writeSync` into an
 * output buffer until the input is consumed). The handle is not public API, so the first inputs
 * and every 50th are checked against `deflateSync`, and any difference or error falls back to
 * `deflateSync` for good.
 */
export interface Deflater {
  deflate(input: Uint8Array): Uint8Array;
  close(): void;
}

interface ZlibHandle {
  reset(): void;
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}

export function createDeflater(level: number): Deflater {
  const plain: Deflater = { deflate: (input) => deflateSync(input, { level }), close: () => {} };
  let stream: zlib.Deflate;
  let handle: ZlibHandle;
  let state: Uint32Array;
  try {
    stream = zlib.createDeflate({ level });
    const s = stream as unknown as { _handle?: ZlibHandle; _writeState?: Uint32Array };
    if (!s._handle || typeof s._handle.writeSync !== 'function' || typeof s._handle.reset !== 'function' || !(s._writeState instanceof Uint32Array)) {
      stream.close();
      return plain;
    }
    handle = s._handle;
    state = s._writeState;
    // A zlib error destroys the stream (asynchronously emitting 'error'): never crash on it.
    stream.on('error', () => {});
  } catch {
    return plain;
  }
  let out = new Uint8Array(64 * 1024);
  let count = 0;
  let fallback = false;

  let zeros = new Uint8Array(0);
  let used = false;
  const fast = (input: Uint8Array): Uint8Array => {
    // zlib's reset does not clear the sliding window, and Chromium's zlib reads a few bytes past
    // the input while hashing (without this, page 23 of the bench book comes out different):
    // run zeros through the stream over the input's length and a margin (a match is at most 258
    // bytes), so the input meets the zeroed window of a new stream.
    if (used) {
      const n = Math.min(input.length + 1024, 65536);
      if (zeros.length < n) zeros = new Uint8Array(n);
      handle.reset();
      let inOff = 0;
      let availIn = n;
      for (;;) {
        handle.writeSync(zlib.constants.Z_FINISH, zeros, inOff, availIn, out, 0, out.length);
        if (state[0] !== 0) break;
        inOff += availIn - state[1]!;
        availIn = state[1]!;
      }
    }
    used = true;
    handle.reset();
    let inOff = 0;
    let availIn = input.length;
    let have = 0;
    for (;;) {
      handle.writeSync(zlib.constants.Z_FINISH, input, inOff, availIn, out, have, out.length - have);
      const availOut = state[0]!;
      const availInAfter = state[1]!;
      have = out.length - availOut;
      if (availOut !== 0) break;
      // Output buffer full: grow it and go on where zlib stopped.
      inOff += availIn - availInAfter;
      availIn = availInAfter;
      const bigger = new Uint8Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    return out.slice(0, have);
  };

  return {
    deflate(input) {
      if (fallback) return deflateSync(input, { level });
      try {
        const bytes = fast(input);
        if (stream.destroyed) throw new Error('zlib stream failed');
        // The first inputs (the second is the first through a reused stream) and every 50th.
        if (count++ < 3 || count % 50 === 0) {
          const ref = deflateSync(input, { level });
          if (!Buffer.from(ref.buffer, ref.byteOffset, ref.length).equals(bytes)) {
            fallback = true;
            return ref;
          }
        }
        return bytes;
      } catch {
        fallback = true;
        return deflateSync(input, { level });
      }
    },
    close() {
      stream.close();
    },
  };
}
