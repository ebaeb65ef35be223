/** A few line icons (inline SVG, no icon font, nothing fetched). */
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
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
