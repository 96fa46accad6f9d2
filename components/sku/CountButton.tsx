"use client";

import { useRef, useState } from "react";
import type { LocationLevel } from "@/client/api/types";
import type { CountOutcome } from "./count-outcome";
import { CycleCountDialog } from "./CycleCountDialog";

/** "Count" on a location's row: opens the cycle-count dialog, and hands the outcome up for the toast. */
export function CountButton({ code, location, onRecorded }: { code: string; location: LocationLevel; onRecorded(o: CountOutcome): void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={ref}
        type="button"
        data-testid="count-button"
        onClick={() => setOpen(true)}
        aria-label={`Count ${code} at ${location.code}`}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
      >
        Count
      </button>
      {open && (
        <CycleCountDialog
          code={code}
          location={location}
          onClose={(o) => {
            setOpen(false);
            ref.current?.focus();
            if (o) onRecorded(o);
          }}
        />
      )}
    </>
  );
}
