import type { Metadata } from "next";
import { AlertSettingsPage } from "@/components/alerts/AlertSettingsPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Alert settings" };

/** `/alerts/settings`: thresholds and durations per kind. Whoever reads alerts may see why one opened; admins change them. */
export default guardedPage({ permission: "alerts.read", path: "/alerts/settings" }, () => <AlertSettingsPage />);
