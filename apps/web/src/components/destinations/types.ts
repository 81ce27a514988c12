import type { AppRouter } from "@leadrelay/api";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

export type DestinationView = Outputs["destinations"]["list"][number];
export type DestinationDetail = Outputs["destinations"]["get"];
export type DestinationKindInfo = Outputs["destinations"]["kinds"][number];
export type TestLeadResult = Outputs["destinations"]["sendTestLead"];
export type DeliveryPage = Outputs["destinations"]["deliveries"];
export type DeliveryItem = DeliveryPage["items"][number];
export type OfferView = Outputs["offers"]["list"][number];
export type CaptureEndpointView = Outputs["captureEndpoints"]["list"][number];

export type DestinationKind = DestinationView["kind"];
export type DestinationState = DestinationView["state"];
export type DeliveryStatus = DeliveryItem["status"];

/** The kinds a destination can be created as, in the order the picker shows them. */
export const DESTINATION_KIND_ORDER = ["WEBHOOK", "DYNAMICS_365", "SALESFORCE", "MARKETO", "AZURE_TABLE", "EMAIL"] as const satisfies readonly DestinationKind[];

// Fails to compile when the backend gains a kind this list lacks.
const everyKindListed: Exclude<DestinationKind, (typeof DESTINATION_KIND_ORDER)[number]> extends never ? true : never = true;
void everyKindListed;

export const isDestinationKind = (value: unknown): value is DestinationKind =>
  typeof value === "string" && (DESTINATION_KIND_ORDER as readonly string[]).includes(value);
