import { formatAbsolute, formatRelative } from "@/client/format/time";
import { Stat } from "@/components/ui/Stat";

/**
 * The "Last event" figure of a source's or a sender's health: how long ago, the time itself on hover;
 * `none` and `noneHint` say why there is none in the window the card looks at.
 */
export function LastEventStat({ at, now, tone, none, noneHint, testId }: { at: string | null; now: number; tone: string; none: string; noneHint: string; testId: string }) {
  return (
    <Stat size="sm" label="Last event" tone={tone} hint={at ? formatAbsolute(at) : noneHint} testId={testId}>
      {at ? <time dateTime={at}>{formatRelative(at, now)}</time> : none}
    </Stat>
  );
}
