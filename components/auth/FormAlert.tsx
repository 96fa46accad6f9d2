/** A form's error above its submit button, announced when it appears. */
export function FormAlert({ children, testId = "form-error", code }: { children: React.ReactNode; testId?: string; code?: string }) {
  return (
    <div role="alert" data-testid={testId} data-code={code} className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-600/20 ring-inset">
      {children}
    </div>
  );
}
