/**
 * The shortcuts sheet (Ctrl+/ — ⌘/ on a Mac — anywhere, also while typing in a chapter): every
 * shortcut of the app, grouped by where it works, from the one list in shortcuts.ts.
 */
import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog';
import { isMac, keyCaps, shortcutGroups } from './shortcuts';
import { useRestoreFocus } from './restoreFocus';
import './help.css';

/** Key names the UI language spells out (mouse actions, the space bar). */
const WORDED = new Set(['Click', 'Wheel', 'Space']);

/**
 * Alternatives with the same modifiers read as one: Ctrl Alt 2/3/4, Shift ↑/↓. Each entry is the
 * modifiers' caps and the keys' caps.
 */
function combine(keys: string[], mac: boolean): { mods: string[]; keys: string[] }[] {
  const out: { mods: string[]; keys: string[] }[] = [];
  for (const combo of keys) {
    const caps = keyCaps(combo, mac);
    const key = caps.pop()!;
    const last = out[out.length - 1];
    if (last && caps.length > 0 && last.mods.join('+') === caps.join('+')) last.keys.push(key);
    else out.push({ mods: caps, keys: [key] });
  }
  return out;
}

export function ShortcutsDialog({ onClose, onGuide }: { onClose(): void; onGuide(): void }) {
  const { t } = useTranslation();
  useRestoreFocus();
  const mac = isMac();
  const start = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => start.current?.focus(), []);
  return (
    <Dialog title={t('shortcuts.title')} className="shortcuts-dialog" testId="shortcuts-sheet" onClose={onClose}>
      {/* Focused on opening, so Esc closes the sheet (and no control looks chosen). */}
      <div ref={start} className="shortcuts-focus" tabIndex={-1} />
      <p className="shortcuts-intro muted">
        {mac ? t('shortcuts.introMac') : t('shortcuts.intro')}{' '}
        <button type="button" className="link-button" onClick={onGuide} data-testid="shortcuts-open-guide">
          {t('shortcuts.openGuide')}
        </button>
      </p>
      <div className="shortcuts-groups">
        {shortcutGroups.map((g) => (
          <section key={g.title} className="shortcuts-group" data-testid="shortcuts-group">
            <h3>{t(g.title)}</h3>
            <dl>
              {g.items.map((s) => (
                <Fragment key={s.label}>
                  <dt>
                    {combine(s.keys, mac).map((c, i, all) => (
                      <Fragment key={i}>
                        {i > 0 && <span className="shortcut-or">{c.mods.length > 0 || all[i - 1]!.mods.length > 0 ? ` ${t('shortcuts.or')} ` : ' '}</span>}
                        <span className="shortcut-combo">
                          {c.mods.map((cap) => (
                            <kbd key={cap}>{cap}</kbd>
                          ))}
                          {c.keys.map((cap, j) => (
                            <Fragment key={cap}>
                              {j > 0 && <span className="shortcut-slash">/</span>}
                              <kbd>{WORDED.has(cap) ? t(`shortcuts.keys.${cap}`) : cap}</kbd>
                            </Fragment>
                          ))}
                        </span>
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{t(s.label)}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
