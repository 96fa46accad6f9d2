import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { roleCan, type Permission } from "@/lib/auth/roles";
import { getSessionViewer, type Viewer } from "@/server/auth/get-session-viewer";
import { hasPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

/** The signed-in person of this request (read once per render, however many components ask). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // headers() first: it marks the render dynamic, so `next build` never reaches for the services.
  const h = await headers();
  return getSessionViewer(getServices().auth, h);
});

/**
 * Every page starts here (docs/SECURITY.md: the server is the guard). Nobody signed in → the sign-in
 * page (or first-run setup on a fresh install), coming back to `path` afterwards. Signed in
 * without the role → `allowed: false`, and the page renders <NoAccess/>.
 */
export async function requirePage(permission: Permission, path: string): Promise<{ viewer: Viewer; allowed: boolean }> {
  const viewer = await getViewer();
  if (!viewer) redirect((await hasPeople(getServices().pool)) ? `/sign-in?next=${encodeURIComponent(path)}` : "/setup");
  return { viewer, allowed: roleCan(viewer.role, permission) };
}
