/**
 * A textarea as tall as its text (from `rows` lines up to `maxHeight`, then it scrolls), so a
 * three-line title is seen whole. It grows again when the panel is narrowed and the text wraps.
 */
import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';

interface Props extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  value: string;
  /** Largest height in pixels before the text scrolls. */
  maxHeight?: number;
}

export function AutoTextarea({ maxHeight = 320, style, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.height = 'auto';
      const border = el.offsetHeight - el.clientHeight;
      const height = Math.min(el.scrollHeight + border, maxHeight);
      el.style.height = `${height}px`;
      el.style.overflowY = el.scrollHeight + border > maxHeight ? 'auto' : 'hidden';
    };
    fit();
    let width = el.clientWidth;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        fit();
      }
    });
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [rest.value, maxHeight]);
  return <textarea ref={ref} style={{ resize: 'none', ...style }} {...rest} />;
}
