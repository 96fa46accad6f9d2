import { SUBJECT_FIELDS, type AlertKind, type SubjectField } from "./kinds";

// An alert's subject: typed ids (what the tables join on) and one canonical text key (what the
// unique (kind, subject) index and mutes use). Pure.

export interface AlertSubject {
  skuId?: number;
  channelId?: number;
  locationId?: number;
  source?: string;
  listing?: { channel: string; externalId: string };
}

/** A subject by its codes: what people read, the API takes and a destination's message shows. */
export interface SubjectCodes {
  sku?: string;
  channel?: string;
  location?: string;
  source?: string;
  listing?: { channel: string; externalId: string };
}

/** Exactly the subject codes `x` names (an empty or absent field is left out), in docs/ALERTS.md's field order. */
export function subjectCodes(x: SubjectCodes): SubjectCodes {
  return {
    ...(x.sku && { sku: x.sku }),
    ...(x.channel && { channel: x.channel }),
    ...(x.location && { location: x.location }),
    ...(x.source && { source: x.source }),
    ...(x.listing && { listing: x.listing }),
  };
}

const enc = encodeURIComponent;

/** "sku:12/channel:3": fields in one fixed order, codes escaped, so one subject has exactly one key. */
export function subjectKey(s: AlertSubject): string {
  const parts: string[] = [];
  if (s.skuId !== undefined) parts.push(`sku:${s.skuId}`);
  if (s.channelId !== undefined) parts.push(`channel:${s.channelId}`);
  if (s.locationId !== undefined) parts.push(`location:${s.locationId}`);
  if (s.source !== undefined) parts.push(`source:${enc(s.source)}`);
  if (s.listing !== undefined) parts.push(`listing:${enc(s.listing.channel)}:${enc(s.listing.externalId)}`);
  return parts.join("/");
}

/** The fields a subject names. */
export function subjectFields(s: AlertSubject): SubjectField[] {
  const out: SubjectField[] = [];
  if (s.skuId !== undefined) out.push("sku");
  if (s.channelId !== undefined) out.push("channel");
  if (s.locationId !== undefined) out.push("location");
  if (s.source !== undefined) out.push("source");
  if (s.listing !== undefined) out.push("listing");
  return out;
}

/** Null when the subject names exactly the fields its kind is about, else what is wrong (for a 400). */
export function subjectProblem(kind: AlertKind, fields: readonly SubjectField[]): string | null {
  const given = [...fields].sort().join(",");
  const shapes = SUBJECT_FIELDS[kind];
  if (shapes.some((shape) => [...shape].sort().join(",") === given)) return null;
  const want = shapes.map((shape) => shape.join(" + ")).join(" or ");
  return `a ${kind} alert is about ${want}${given ? `, not ${fields.join(" + ")}` : ""}`;
}
