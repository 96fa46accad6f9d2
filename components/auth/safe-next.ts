// Where to go after signing in. Only same-origin paths: "//host", "/\host" and "https://…" would
// make the sign-in page an open redirect, and browsers drop tabs and newlines ("/\t/host" → "//host").
export function safeNext(next: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters in a redirect target is the point
  if (typeof next !== "string" || !next.startsWith("/") || /^\/[/\\]/.test(next) || /[\u0000-\u001f\u007f]/.test(next)) return "/";
  return next.slice(0, 2000);
}
