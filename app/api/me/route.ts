import { jsonError, route } from "@/server/http/route-helpers";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { getServices } from "@/server/services";

/** The signed-in person (id, email, name, role), or 401. */
export const GET = route(async (req: Request) => {
  const viewer = await getSessionViewer(getServices().auth, req.headers);
  if (!viewer) return jsonError(401, "unauthenticated", "not signed in");
  const { sessionId: _session, ...me } = viewer;
  return Response.json(me);
});
