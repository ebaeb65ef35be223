#!/usr/bin/env node
// `node bin/make-icons.js`: renders Sử Quán's icon (resources/build/icon.svg, and icon-small.svg
// for 16-32 px, where the frame and the lines of text would only blur) into what electron-builder
// takes from resources/build (electron-builder.yml):
//   icon.png                      1024×1024: macOS (electron-builder makes the .icns from it)
//   icons/{16…1024}x{same}.png    Linux (AppImage, deb): one file per size, named by its size
//   icon.ico                      Windows (app, installer, uninstaller): PNG-compressed entries
//                                 16-256 px in an ICO container written here (Windows Vista and
//                                 later read PNG entries; Electron needs Windows 10 anyway)
// The outputs are committed product assets; run this again after changing either SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'resources', 'build');

/** Sizes for Linux's icon set; the ICO holds those up to 256 (its largest) plus 24 and 48. */
export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const icoSizes = [16, 24, 32, 48, 64, 128, 256];
/** At or below this size the simplified drawing is used. */
const smallUpTo = 32;

const master = readFileSync(path.join(dir, 'icon.svg'));
const small = readFileSync(path.join(dir, 'icon-small.svg'));
/** Both SVGs are 1024 user units wide; librsvg reads them at 72 dpi, so this density gives `size` px. */
const svgWidth = 1024;

/** Renders the icon at `size`×`size` straight from the vector drawing (crisper than downscaling). */
async function render(size) {
  const svg = size <= smallUpTo ? small : master;
  return sharp(svg, { density: (72 * size) / svgWidth })
    .resize(size, size, { fit: 'fill' })
    .png({ compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
}

/**
 * An ICO file: ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images, here
 * whole PNG files. Width and height are one byte each, 0 meaning 256.
 */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size < 1 || size > 256) throw new Error(`ICO entries are 1-256 px, not ${size}`);
    const e = Buffer.alloc(16);
    e.writeUInt8(size === 256 ? 0 : size, 0); // width
    e.writeUInt8(size === 256 ? 0 : size, 1); // height
    e.writeUInt8(0, 2); // colours in the palette: none
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    entries.push(e);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

export async function makeIcons({ quiet = false } = {}) {
  const rendered = new Map();
  for (const size of new Set([...linuxSizes, ...icoSizes])) rendered.set(size, await render(size));

  mkdirSync(path.join(dir, 'icons'), { recursive: true });
  const written = [];
  const write = (rel, data) => {
    writeFileSync(path.join(dir, rel), data);
    written.push(rel);
  };
  write('icon.png', rendered.get(1024));
  for (const size of linuxSizes) write(path.join('icons', `${size}x${size}.png`), rendered.get(size));
  write('icon.ico', icoFromPngs(icoSizes.map((size) => ({ size, png: rendered.get(size) }))));
  if (!quiet) process.stderr.write(`make-icons: ${written.length} files in ${path.relative(root, dir)}/\n`);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await makeIcons({ quiet: process.argv.includes('--quiet') });
}
