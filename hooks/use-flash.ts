"use client";

import { useEffect, useRef, useState } from "react";

export type Flash = "flash-up" | "flash-down" | null;

/**
 * A class name that pulses for a moment after `value` changes (not on first render), coloured by
 * direction for numbers. The key restarts the CSS animation when changes follow each other.
 */
export function useFlash(value: number | string | boolean | null): { flash: Flash; key: number } {
  const prev = useRef(value);
  const [state, setState] = useState<{ flash: Flash; key: number }>({ flash: null, key: 0 });
  useEffect(() => {
    if (Object.is(prev.current, value)) return;
    const before = prev.current;
    prev.current = value;
    const down = typeof value === "number" && typeof before === "number" && value < before;
    setState((s) => ({ flash: down ? "flash-down" : "flash-up", key: s.key + 1 }));
    const t = setTimeout(() => setState((s) => ({ ...s, flash: null })), 1700);
    return () => clearTimeout(t);
  }, [value]);
  return state;
}
