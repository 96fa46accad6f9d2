"use client";

import { useForm } from "react-hook-form";
import type { RotatedToken, TokenView } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { contractResolver } from "@/components/ui/contract-resolver";
import { StripActions, StripForm } from "@/components/ui/StripForm";
import { useRotateToken } from "@/hooks/use-rotate-token";
import { rotateTokenSchema } from "@/lib/contracts/tokens";
import { AdminActionError } from "./AdminActionError";
import { DEFAULT_OVERLAP, OverlapPicker } from "./OverlapPicker";

type Draft = { overlap: string };
// The radio's value is text; the route's schema (lib/contracts/tokens.ts) checks the number it makes.
const resolver = contractResolver(
  rotateTokenSchema,
  (d: Draft) => ({ overlapSeconds: Number(d.overlap) }),
  () => "overlap",
);

/**
 * Rotate: a new token with the same name, scopes, sources and expiry; the current one keeps working
 * for the overlap, so the sender can switch at any moment inside it. The new value is handed to the
 * page (`onRotated`), which shows it once.
 */
export function RotateTokenForm({ token, now, onRotated, onClose }: { token: TokenView; now: number; onRotated(result: RotatedToken, overlapSeconds: number): void; onClose(): void }) {
  const { register, handleSubmit, watch } = useForm<Draft, unknown, { overlapSeconds: number }>({ resolver, defaultValues: { overlap: DEFAULT_OVERLAP } });
  const rotate = useRotateToken((result, v) => onRotated(result, v.overlapSeconds));

  const expiresNote = token.expiresAt
    ? `The new token keeps this one's expiry: ${formatAbsolute(token.expiresAt).split(" (")[0]} (${formatRelative(token.expiresAt, now)}). For a longer life, issue a new token instead.`
    : "The new token never expires, like this one.";

  return (
    <StripForm
      testId="rotate-token-form"
      label={`Rotate token ${token.name}`}
      onSubmit={(e) => void handleSubmit((body) => rotate.run({ id: token.id, overlapSeconds: body.overlapSeconds }))(e)}
      onCancel={onClose}
      className="flex flex-wrap items-end gap-x-6 gap-y-3"
    >
      <OverlapPicker
        legend={<>Overlap: how long {token.prefix}… keeps working</>}
        revoked="The current token is revoked now"
        keeps="The current token keeps working for"
        value={watch("overlap")}
        registration={register("overlap")}
      />
      <div className="min-w-[16rem] flex-1 text-xs text-slate-600">
        <p>{expiresNote}</p>
      </div>
      <StripActions submit="Rotate" pendingLabel="Rotating…" pending={rotate.isPending} onCancel={onClose} />
      <AdminActionError error={rotate.error} className="basis-full" />
    </StripForm>
  );
}
