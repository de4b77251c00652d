/** @module The scrolling region of a wide table, reachable by keyboard. */
import type { ReactNode } from 'react';

/**
 * A wide table scrolls sideways inside its own region rather than squeezing its columns until a
 * word breaks at every character; the region takes the keyboard focus so it can be scrolled.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
