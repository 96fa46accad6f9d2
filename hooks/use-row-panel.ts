"use client";

import { type RefObject, useState } from "react";

/**
 * Which panel is open under a table row (`RowPanel`), and `close`, which shuts it and puts the focus
 * back on `returnTo(panel)`: the control that opened it, so a keyboard user carries on where they were.
 */
export function useRowPanel<P>(returnTo: (panel: P | null) => RefObject<HTMLElement | null>) {
  const [panel, setPanel] = useState<P | null>(null);
  const close = () => {
    const back = returnTo(panel);
    setPanel(null);
    // After the panel has gone: the toggle may be re-rendered by then.
    setTimeout(() => back.current?.focus());
  };
  return [panel, setPanel, close] as const;
}
