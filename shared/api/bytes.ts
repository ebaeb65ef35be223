import { z } from 'zod';

/** File bytes crossing the seam (structured clone over IPC, base64 over HTTP): any Uint8Array, Buffer included. */
export const fileBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Cần nội dung tệp (bytes).');
