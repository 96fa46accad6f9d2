"use client";

import type { TokenView } from "@/client/api/types";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";
import { useRevokeToken } from "@/hooks/use-revoke-token";
import { AdminActionError } from "./AdminActionError";

/** The confirmation step of Revoke, under the token's row: requests carrying it are refused at once (401 token_revoked). */
export function RevokeTokenConfirm({ token, onClose }: { token: TokenView; onClose(): void }) {
  const revoke = useRevokeToken();
  return (
    <ConfirmStrip
      testId="revoke-token-confirm"
      label={`Revoke token ${token.name}`}
      tone="rose"
      confirm={`Revoke ${token.prefix}…`}
      pendingLabel="Revoking…"
      pending={revoke.isPending}
      onConfirm={() => revoke.run({ id: token.id })}
      onCancel={onClose}
      footer={<AdminActionError error={revoke.error} className="basis-full" />}
    >
      <p>
        Refuse every request carrying <span className="font-mono">{token.prefix}…</span> ({token.name}), from the next one on? This cannot be undone; rotate instead to give the sender time to switch.
      </p>
    </ConfirmStrip>
  );
}
