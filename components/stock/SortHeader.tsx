import type { SkuSort } from "@/client/api/types";

type Key = "code" | "name" | "availableReal" | "daysOfInventory" | "velocity";

/** First click direction per column: the order that puts problems first. */
const FIRST: Record<Key, SkuSort> = { code: "code", name: "name", availableReal: "availableReal", daysOfInventory: "daysOfInventory", velocity: "-velocity" };

export function nextSort(current: SkuSort, key: Key): SkuSort {
  if (current === key) return `-${key}` as SkuSort;
  if (current === `-${key}`) return key;
  return FIRST[key];
}

/** A column header that sorts server-side; exposes the order through aria-sort. */
export function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  align = "left",
  title,
  className = "",
}: {
  label: string;
  sortKey: Key;
  sort: SkuSort;
  onSort(s: SkuSort): void;
  align?: "left" | "right";
  title?: string;
  className?: string;
}) {
  const dir = sort === sortKey ? "ascending" : sort === `-${sortKey}` ? "descending" : "none";
  return (
    <th scope="col" aria-sort={dir} className={`px-2 py-2 font-medium whitespace-nowrap ${align === "right" ? "text-right" : "text-left"} ${className}`}>
      <button
        type="button"
        title={title}
        onClick={() => onSort(nextSort(sort, sortKey))}
        className={`inline-flex items-center gap-1 rounded hover:text-slate-900 ${align === "right" ? "flex-row-reverse" : ""} ${dir !== "none" ? "text-slate-900" : ""}`}
      >
        {label}
        <span aria-hidden className={`text-[10px] ${dir === "none" ? "text-slate-300" : "text-sky-600"}`}>
          {dir === "ascending" ? "▲" : dir === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
