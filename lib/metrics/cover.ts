// Cover (docs/NUMBERS.md "days of inventory"): one name, one unit and one number format on every page.

/** What the figure is called everywhere, and its unit. */
export const COVER = {
  label: "Cover",
  unit: "days",
  hint: "Days the available real lasts at the higher of the 7-day and 24-hour velocity; ∞ without sales",
} as const;

const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * Days of cover for display: one decimal below 10 days, where a tenth matters against a lead
 * time ("0.0", "8.2"), whole days above ("39", "1,204"); "∞" when nothing sells (null).
 */
export function formatCover(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return "∞";
  const d = Math.max(0, Math.round(days * 10) / 10);
  return d < 10 ? oneDecimal.format(d) : whole.format(d);
}
