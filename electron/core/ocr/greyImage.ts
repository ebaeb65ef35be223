/**
 * 8-bit greyscale images in memory, as page preparation measures and draws them: one channel
 * taken from sharp's raw output, and the small copy a page is measured on.
 */
export interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

export function oneChannel(data: Buffer, width: number, height: number, channels: number): Grey {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (channels === 1) return { data: bytes, width, height };
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = bytes[i * channels]!;
  return { data: out, width, height };
}

/** Mean of each f×f block (a remainder narrower than f on the right and bottom is dropped). */
export function downsample(img: Grey, f: number): Grey {
  if (f === 1) return img;
  const width = Math.floor(img.width / f);
  const height = Math.floor(img.height / f);
  const data = new Uint8Array(width * height);
  const used = width * f;
  const columns = new Uint32Array(used);
  const area = f * f;
  for (let y = 0; y < height; y++) {
    columns.fill(0);
    for (let row = y * f * img.width, end = row + f * img.width; row < end; row += img.width) {
      for (let x = 0, i = row; x < used; x++, i++) columns[x]! += img.data[i]!;
    }
    for (let x = 0, c = 0, o = y * width; x < width; x++, o++) {
      let sum = 0;
      for (let k = 0; k < f; k++) sum += columns[c++]!;
      data[o] = sum / area;
    }
  }
  return { data, width, height };
}
