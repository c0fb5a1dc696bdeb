/**
 * A button that opens a short menu of downloads: closes when an item is chosen, on Escape, or on a
 * click anywhere else. A disabled item can carry a note saying why.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect?: () => void;
  disabled?: boolean;
  /** Shown under the label, lighter: why it is disabled, what it gives. */
  note?: string;
  /** A heading between items, not an item. */
  heading?: boolean;
}

export interface MenuProps {
  /** The button's accessible name (its content may be an icon). */
  label: string;
  title?: string;
  className?: string;
  /** Classes of the button itself, e.g. the bar's own button style. */
  buttonClassName?: string;
  /** Items, built when the menu opens (so they read the stores then). */
  items: () => MenuItem[];
  children: ReactNode;
}

export function Menu({ label, title, className, buttonClassName, items, children }: MenuProps) {
  const [open, setOpen] = useState<MenuItem[] | null>(null);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(null);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(null);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <span className={`export-menu ${className ?? ''}`} ref={root}>
      <button ref={button} type="button" className={`export-menu-button ${buttonClassName ?? ''}`} aria-label={label} title={title} aria-haspopup="menu" aria-expanded={open !== null} onClick={() => setOpen(open ? null : items())}>
        {children}
      </button>
      {open && (
        <div className="export-menu-list" role="menu" aria-label={label}>
          {open.map((item, i) =>
            item.heading ? (
              <div key={i} className="export-menu-heading" role="presentation">
                {item.label}
              </div>
            ) : (
              <button
                key={i}
                type="button"
                role="menuitem"
                className="export-menu-item"
                disabled={item.disabled}
                onClick={() => {
                  setOpen(null);
                  item.onSelect?.();
                }}
              >
                {item.label}
                {item.note && <span className="export-menu-note">{item.note}</span>}
              </button>
            ),
          )}
        </div>
      )}
    </span>
  );
}
