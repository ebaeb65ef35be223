/** The app's mark: a red seal with the initials, drawn inline (no font may lack its glyphs). */
export function BrandMark({ large = false }: { large?: boolean }) {
  const size = large ? 56 : 34;
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 40 40" role="img" aria-label="Sử Quán">
      <rect x="1" y="1" width="38" height="38" rx="6" fill="#a51d24" />
      <rect x="4.5" y="4.5" width="31" height="31" rx="3" fill="none" stroke="#f3d9a4" strokeWidth="1.2" />
      <text x="20" y="26.5" textAnchor="middle" fontFamily="'Noto Serif Doc', serif" fontWeight="700" fontSize="16" fill="#fff">
        SQ
      </text>
    </svg>
  );
}
