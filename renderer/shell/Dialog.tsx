/**
 * The one modal frame every dialog of the app uses, so they all behave alike: a press on the
 * backdrop (not a drag that ends there) or Escape closes it, it is announced as a modal dialog
 * with its title, and it can be a form (Enter submits).
 */
import { useId, type FormEvent, type ReactNode } from 'react';

export function Dialog({
  title,
  label,
  className,
  onClose,
  onSubmit,
  alert,
  testId,
  children,
}: {
  /** The heading shown at the top; omit it when the dialog draws its own header (then give `label`). */
  title?: ReactNode;
  /** What assistive technology announces when there is no `title` string. */
  label?: string;
  className?: string;
  onClose(): void;
  /** Makes the dialog a form: Enter in a field submits. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
  /** A question whose answer has consequences (role alertdialog). */
  alert?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  const frame = {
    className: `dialog${className ? ` ${className}` : ''}`,
    role: alert ? 'alertdialog' : 'dialog',
    'aria-modal': true,
    ...(title !== undefined ? { 'aria-labelledby': headingId } : { 'aria-label': label }),
    'data-testid': testId,
  } as const;
  const body = (
    <>
      {title !== undefined && <h2 id={headingId}>{title}</h2>}
      {children}
    </>
  );
  return (
    <div
      className="dialog-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.stopPropagation();
        onClose();
      }}
    >
      {onSubmit ? (
        <form {...frame} onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div {...frame}>{body}</div>
      )}
    </div>
  );
}
