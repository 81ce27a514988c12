/**
 * Destinations the marketplace no longer serves: refused when configured or imported, with
 * what to use instead. Not destination kinds: nothing can be delivered to them.
 */
export const RETIRED_DESTINATIONS = {
  AZURE_BLOB: {
    label: "Azure Blob storage",
    message:
      "Microsoft retired the Azure Blob lead destination: offers still set to it receive no leads, and Microsoft does not re-send the ones missed. Use Azure Table storage (the same storage account's connection string works) or an HTTPS endpoint instead, and point Partner Center at Leadrelay so no lead is lost.",
    alternatives: ["AZURE_TABLE", "WEBHOOK"],
  },
} as const satisfies Record<
  string,
  { label: string; message: string; alternatives: readonly string[] }
>;

export type RetiredDestination = keyof typeof RETIRED_DESTINATIONS;
