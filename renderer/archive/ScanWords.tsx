/**
 * The recognised words over the scan: every word is a box one can click (to find it in the
 * transcription), doubtful words are outlined when asked, the words a search found are
 * highlighted, and the word chosen in the transcription is shown. The layer has the image's size
 * and turns with it, so boxes stay on their words at any zoom and rotation.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageOcr } from '../../shared/archive/ocr';
import { isDoubtful } from './ocrWords';

interface Props {
  ocr: PageOcr;
  width: number;
  height: number;
  rotation: number;
  /** The word chosen in the transcription or on the scan. */
  active: number;
  hits: Set<number>;
  showDoubtful: boolean;
  onPick(index: number): void;
}

export function ScanWords({ ocr, width, height, rotation, active, hits, showDoubtful, onPick }: Props) {
  const { t } = useTranslation();
  const activeRef = useRef<HTMLButtonElement>(null);
  const firstHit = useRef<HTMLButtonElement>(null);
  // The chosen word, or else the first search hit, is brought into view.
  useEffect(() => {
    (activeRef.current ?? firstHit.current)?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  }, [active, ocr.pageId]);
  const firstHitIndex = Math.min(...hits);
  const sx = 100 / ocr.width;
  const sy = 100 / ocr.height;
  return (
    <div className="scan-words" data-testid="scan-words" style={{ width, height, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}>
      {ocr.words.map((w, i) => {
        const [x0, y0, x1, y1] = w.box;
        const cls = ['scan-word', i === active ? 'active' : '', hits.has(i) ? 'hit' : '', showDoubtful && isDoubtful(w) ? 'doubtful' : ''].filter(Boolean).join(' ');
        return (
          <button
            key={i}
            type="button"
            ref={i === active ? activeRef : i === firstHitIndex ? firstHit : undefined}
            className={cls}
            data-word={i}
            tabIndex={-1}
            title={t('ocr.wordTitle', { text: w.text, n: Math.round(w.confidence) })}
            aria-label={w.text}
            style={{ left: `${x0 * sx}%`, top: `${y0 * sy}%`, width: `${(x1 - x0) * sx}%`, height: `${(y1 - y0) * sy}%` }}
            onClick={() => onPick(i)}
          />
        );
      })}
    </div>
  );
}
