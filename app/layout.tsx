import type { Metadata } from "next";
import localFont from "next/font/local";
import { AppHeader } from "@/components/layout/AppHeader";
import { Providers } from "@/components/Providers";
import "./globals.css";

// Offline builds cannot fetch Google Fonts: Inter comes from the @fontsource-variable package.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Onepool", template: "%s · Onepool" },
  description: "One truthful stock pool per SKU, live.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <Providers>
          <AppHeader />
          {children}
        </Providers>
      </body>
    </html>
  );
}
