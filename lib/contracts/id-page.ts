import { z } from "zod";
import { rowIdField } from "./row-id";

/**
 * The query fields of a list paged by row id, newest first (rejections, the audit log; docs/API.md):
 * `cursor`, the id of the last row of the previous page (a bigint, so up to 18 digits), and `limit`
 * (≤ 200, 50). `cursorMessage` says what the id is in the 400.
 */
export const idPageFields = (cursorMessage: string) => ({
  cursor: rowIdField(cursorMessage).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
