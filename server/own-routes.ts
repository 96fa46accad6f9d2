import "server-only";
import { handleWebhookRequest, type WebhookDeps } from "@/server/connectors/webhook-endpoint";
import { sendError } from "@/server/http/respond";
import type { OwnRoute } from "@/server/http/serve-own-route";
import { handleEventsRequest, type EventsEndpointDeps } from "@/server/ingest/events-endpoint";
import { handleMetricsRequest } from "@/server/metrics/metrics-endpoint";
import { handleReservationsRequest } from "@/server/reservations/reservations-endpoint";
import type { Services } from "@/server/services";

/** A path segment, or "" when its %-escapes are malformed (that is a 404, not a crash). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

/**
 * The endpoints the custom server answers before Next (docs/ARCHITECTURE.md "Why ingest bypasses
 * Next"), each with the 503 its callers get on an unexpected failure (docs/OPERATIONS.md).
 */
export function listOwnRoutes(services: Services, webhooks: WebhookDeps, events: EventsEndpointDeps): OwnRoute[] {
  return [
    {
      component: "webhooks",
      matches: (path) => path.startsWith("/api/webhooks/"),
      async serve(req, res, path, search) {
        const parts = path.slice("/api/webhooks/".length).split("/").map(safeDecode);
        if (parts.length !== 2 || !parts[0] || !parts[1]) {
          req.resume();
          return sendError(res, 404, "not_found", "webhook URLs are /api/webhooks/<provider>/<source>");
        }
        await handleWebhookRequest(req, res, webhooks, parts[0], parts[1], new URLSearchParams(search));
      },
      unavailable: { message: "the delivery could not be processed; nothing was applied, retry later", retryAfterSeconds: 5 },
    },
    {
      component: "reservations",
      matches: (path) => path === "/api/reservations" || path.startsWith("/api/reservations/"),
      async serve(req, res, path) {
        const rest = path.slice("/api/reservations".length);
        const id = rest === "" ? null : safeDecode(rest.slice(1));
        if (id === "" || id?.includes("/")) {
          req.resume();
          return sendError(res, 404, "not_found", "reservation URLs are /api/reservations and /api/reservations/<id>");
        }
        await handleReservationsRequest(req, res, services, id);
      },
      unavailable: { message: "the reservation could not be processed; nothing was held, retry with the same idempotencyKey", retryAfterSeconds: 1 },
    },
    {
      component: "metrics",
      matches: (path) => path === "/metrics",
      serve: (req, res) => handleMetricsRequest(req, res, services, services.metrics),
      unavailable: { message: "the metrics could not be collected, retry later", retryAfterSeconds: 5 },
    },
    {
      component: "ingest",
      matches: (path) => path === "/api/events",
      serve: (req, res) => handleEventsRequest(req, res, events),
      unavailable: { message: "ingest failed; nothing was applied, retry later", retryAfterSeconds: 1 },
    },
  ];
}
