import { platform } from '../platform/platform';

/**
 * A page's thumbnail turned by the page's rotation, fitted inside its box whichever way it is
 * turned (the box must have a definite size; it is a size container, see archive.css).
 */
export function PageThumb({ pageId, rotation, lazy = true }: { pageId: number; rotation: number; lazy?: boolean }) {
  const r = ((rotation % 360) + 360) % 360;
  return (
    <img
      className={`page-thumb-img${r % 180 ? ' turned' : ''}`}
      src={platform.fileUrl({ kind: 'thumb', pageId })}
      alt=""
      loading={lazy ? 'lazy' : 'eager'}
      draggable={false}
      style={{ transform: `translate(-50%, -50%) rotate(${r}deg)` }}
      data-rotation={r}
    />
  );
}
