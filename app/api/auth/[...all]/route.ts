import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

// Sign-in, sign-out, session and password change (better-auth), limited and audited on the way.
const handler = route((req: Request) => handleAuthRequest(getServices(), req));
export const GET = handler;
export const POST = handler;
