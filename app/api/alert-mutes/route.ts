// The same mutes as /api/alerts/mutes (docs/API.md's path), under the name issue 17's brief used:
// PUT sets a mute (idempotent), DELETE ends it. One implementation.
import { DELETE, GET, POST } from "@/app/api/alerts/mutes/route";

export { DELETE, GET };
export const PUT = POST;
