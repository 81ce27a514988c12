import "./globals.css";
import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { Toaster } from "sonner";
import { TimeZoneSync } from "~/components/time-zone-sync";
import { TRPCReactProvider } from "~/trpc/react";

export const metadata: Metadata = {
  title: { default: "Leadrelay", template: "%s · Leadrelay" },
  description: "The lead destination for Microsoft's commercial marketplace: capture, deliver and follow up every lead.",
};

export const viewport: Viewport = { themeColor: "#2f5bd3" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>
          <TRPCReactProvider>
            {children}
            <TimeZoneSync />
            <Toaster position="bottom-right" richColors closeButton />
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
