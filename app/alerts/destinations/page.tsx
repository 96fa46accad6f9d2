import type { Metadata } from "next";
import { AlertDestinationsPage } from "@/components/alerts/AlertDestinationsPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Alert destinations" };

/** `/alerts/destinations`: where alerts are sent. Admins (alerts.settings), as the API. */
export default guardedPage({ permission: "alerts.settings", path: "/alerts/destinations" }, () => <AlertDestinationsPage />);
