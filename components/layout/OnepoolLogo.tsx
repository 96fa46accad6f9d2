/** The Onepool mark: a pool ring on slate, shared by the header and the sign-in cards. */
export function OnepoolLogo({ className = "size-6" }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="7" fill="#0f172a" />
      <circle cx="16" cy="16" r="8.5" fill="none" stroke="#34d399" strokeWidth="3.5" />
      <circle cx="16" cy="16" r="2.5" fill="#34d399" />
    </svg>
  );
}
