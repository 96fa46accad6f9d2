"use client";

import { useEffect, useState } from "react";

/**
 * Focus a field once the form is no longer sending: its inputs are disabled while it sends, and a
 * disabled input cannot take focus, so a refusal's "look here" waits for the render that enables them.
 */
export function useFocusWhenIdle<F extends string>(pending: boolean, setFocus: (name: F) => void): (name: F) => void {
  const [target, setTarget] = useState<F | null>(null);
  useEffect(() => {
    if (pending || !target) return;
    setFocus(target);
    setTarget(null);
  }, [pending, target, setFocus]);
  return setTarget;
}
