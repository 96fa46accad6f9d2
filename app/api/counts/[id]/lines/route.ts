import { parseCountsCsv } from "@/lib/counts/parse-counts-csv";
import { countLinesSchema } from "@/lib/contracts/counts";
import { saveCountLines } from "@/server/counts/save-count-lines";
import { readCappedBody } from "@/server/http/read-capped-body";
import { authorizedRoute, jsonError, readBody } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** 5,000 lines of JSON or CSV fit well inside this. */
const LIMIT = 1024 * 1024;

/** Enter lines: JSON `{ lines: [{ sku, counted, countedAt?, reason? }] }` or text/csv `sku,counted`. A recount replaces a line. */
export const PUT = authorizedRoute("counts.write", async ({ actor, req }, { id }: { id: string }) => {
  let lines: Parameters<typeof saveCountLines>[2];
  if (/^text\/csv\b/i.test(req.headers.get("content-type") ?? "")) {
    const read = await readCappedBody(req, LIMIT);
    if (!read.ok) return read.tooLarge ? jsonError(413, "body_too_large", `request body exceeds ${LIMIT} bytes`) : jsonError(400, "bad_request", "could not read the request body");
    const csv = parseCountsCsv(new TextDecoder("utf-8", { fatal: false }).decode(read.bytes));
    if (!csv.ok) return jsonError(400, "invalid_csv", `CSV line ${csv.line}: ${csv.message}`, { field: "csv", line: csv.line });
    if (csv.rows.length === 0) return jsonError(400, "invalid_csv", "the CSV holds no line", { field: "csv" });
    if (csv.rows.length > 5000) return jsonError(400, "invalid_csv", "at most 5,000 lines per upload", { field: "csv" });
    lines = csv.rows.map((r) => ({ sku: r.sku, counted: r.counted, csvLine: r.line }));
  } else {
    const parsed = await readBody(req, countLinesSchema, LIMIT);
    if (!parsed.ok) return parsed.response;
    lines = parsed.data.lines;
  }
  return Response.json(await saveCountLines(getServices().pool, id, lines, actor));
});
