/**
 * The client's address for sign-in limits and session records. Without a trusted proxy it is the
 * socket's peer, whatever the request claims. Behind `hops` trusted proxies that each append the
 * address they saw (nginx's $proxy_add_x_forwarded_for), the client is the entry `hops` from the
 * right: everything left of it was written by the client and proves nothing.
 */
export function clientAddress(forwardedFor: string | string[] | undefined, peer: string | undefined, trustProxy: boolean, hops = 1): string {
  const fallback = peer || "unknown";
  if (!trustProxy || forwardedFor === undefined) return fallback;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; the nearest hop is all we know.
  return entries.length >= hops ? entries[entries.length - hops] : (entries[0] ?? fallback);
}
