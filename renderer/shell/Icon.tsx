/** The app's line icons (inline SVG, no icon font, nothing fetched), one set for every screen. */
const paths = {
  archive: 'M3 5h18v4H3zM5 9v10h14V9M10 13h4',
  book: 'M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 19V5M8 7h7',
  folder: 'M3 6h6l2 2h10v11H3z',
  plus: 'M12 5v14M5 12h14',
  upload: 'M12 16V4M7 9l5-5 5 5M4 20h16',
  close: 'M6 6l12 12M18 6L6 18',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  pdf: 'M6 3h8l4 4v14H6zM9 13h6M9 17h6M9 9h2',
  check: 'M5 12l5 5L20 7',
  alert: 'M12 8v5M12 16v.5M3 20h18L12 4z',
  chapter: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  back: 'M15 5l-7 7 7 7',
  prev: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  zoomIn: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4-4M8 11h6M11 8v6',
  zoomOut: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4-4M8 11h6',
  fitWidth: 'M3 12h18M6 9l-3 3 3 3M18 9l3 3-3 3M3 4v16M21 4v16',
  fitPage: 'M6 3h12v18H6zM9 8l3-3 3 3M9 16l3 3 3-3',
  rotateLeft: 'M4 4v5h5M4.6 9A8 8 0 1 1 6 17',
  rotateRight: 'M20 4v5h-5M19.4 9A8 8 0 1 0 18 17',
  split: 'M4 12h16M8 8l-4 4 4 4M16 8l4 4-4 4M12 3v4M12 17v4',
  merge: 'M6 4v6a6 6 0 0 0 6 6h0a6 6 0 0 0 6-6V4M12 16v5',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  open: 'M4 5h7v14H4zM13 5h7v14h-7z',
  move: 'M4 6h9v12H4zM15 12h6M18 9l3 3-3 3',
  names: 'M4 4h7l9 9-7 7-9-9zM8 8h.01',
  // Documents to collect: a page with a magnifying glass.
  collect: 'M13 21H5V3h9l4 4v4M14 3v4h4M16 13a3 3 0 1 0 0 6a3 3 0 1 0 0-6M18.2 18.2L21 21',
  spark: 'M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5L18 18M6 18l2.5-2.5M15.5 8.5L18 6',
  // Recognise text: a page's corners with lines of text inside.
  scan: 'M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M8 9h8M8 12h8M8 15h5',
  // Doubtful words: text with a wavy underline.
  doubtful: 'M5 6h14M5 10h14M5 14h8M4 19c1.5-1.5 3-1.5 4.5 0s3 1.5 4.5 0 3-1.5 4.5 0',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
