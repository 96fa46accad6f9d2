import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: "Onepool", description: "One truthful stock pool per SKU, live." };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
