import type { Metadata } from "next";
import localFont from "next/font/local";
import { AppHeader } from "@/components/layout/AppHeader";
import { Providers } from "@/components/Providers";
import { ViewerProvider } from "@/components/auth/ViewerProvider";
import { getViewer } from "@/server/auth/require-page";
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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Signed out (sign-in, setup) the header shows no navigation and opens no live connection.
  const viewer = await getViewer();
  const client = viewer && { id: viewer.id, email: viewer.email, name: viewer.name, role: viewer.role };
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <ViewerProvider viewer={client}>
          <Providers>
            {client && <AppHeader />}
            {children}
          </Providers>
        </ViewerProvider>
      </body>
    </html>
  );
}
