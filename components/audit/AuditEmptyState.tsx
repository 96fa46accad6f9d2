import { EmptyState } from "@/components/ui/EmptyState";

/** Nothing recorded at all yet: what will appear here. */
export function AuditEmptyState() {
  return (
    <EmptyState testId="audit-empty" title="No changes recorded yet">
      Every control change lands here with who made it, when, and what it was before and after: people and roles, sources and their secrets, tokens, mappings, catalogue updates and re-submitted
      rejections. Stock movements are in each SKU&apos;s ledger instead.
    </EmptyState>
  );
}
