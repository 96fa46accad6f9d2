// API payload types, shared with the server by type-only imports: nothing from server/ reaches the
// client bundle (those modules import "server-only").
import type { LedgerEntry } from "@/server/queries/get-sku-events";
import type { LocationLevel, SkuDetail } from "@/server/queries/get-sku-detail";
import type { SkuRow, SkuSort } from "@/server/queries/get-sku-rows";
import type { LagSummary } from "@/server/queries/get-ingest-lag";
import type { StockSummary } from "@/server/queries/get-stock-summary";
import type { FrameData, WireFrame } from "@/server/realtime/hub";

export type { FrameData, LagSummary, LedgerEntry, LocationLevel, SkuDetail, SkuRow, SkuSort, StockSummary, WireFrame };
export type StockStatus = SkuRow["status"];

export interface SkuPage {
  items: SkuRow[];
  nextCursor: string | null;
  total: number;
}
export interface SkuEventsPage {
  events: LedgerEntry[];
  nextBefore: string | null;
}
export interface SalesDays {
  days: { day: string; units: number }[];
}
export interface LagResponse {
  window: string;
  ingest: LagSummary;
}
