import { jsonError } from "@/server/http/route-helpers";

// Unknown API paths answer in the API's error shape, not with the HTML 404 page.
const notFound = async (req: Request) => jsonError(404, "not_found", `no route for ${req.method} ${new URL(req.url).pathname}`);
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
