import { z } from "zod";

// POST /api/unmapped/map (docs/API.md): map one parked listing to a SKU, as a catalogue listing
// upsert does; parsed by the route and checked by the Unmapped screen's row form.
export const mapListingSchema = z.object({ channel: z.string().trim().min(1).max(100), externalId: z.string().trim().min(1).max(200), sku: z.string().trim().min(1).max(100) }).strict();
export type MapListingBody = z.input<typeof mapListingSchema>;
