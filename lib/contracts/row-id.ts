import { z } from "zod";

/**
 * A database row id as the API writes it: a bigint in decimal, so up to 18 digits (docs/API.md §0.4: ids are strings). Anything else names no row: routes answer 404, query fields 400.
 */
export const ROW_ID = /^\d{1,18}$/;

export const isRowId = (id: string): boolean => ROW_ID.test(id);

/** A row id field; `message` says what the id is in the 400. */
export const rowIdField = (message?: string) => z.string().regex(ROW_ID, message);
