import { captureUrl, type CaptureEndpointDto } from "@leadrelay/db";

/** A capture URL as the UI shows it (with a copy button) and the API returns it. */
export function toCaptureEndpointView(endpoint: CaptureEndpointDto, baseUrl: string) {
  return {
    id: endpoint.id,
    scope: endpoint.offerId ? ("offer" as const) : ("tenant" as const),
    offer: endpoint.offer,
    /** Null only if the stored token can no longer be decrypted: rotate to get a new URL. */
    url: endpoint.token ? captureUrl(baseUrl, endpoint.token) : null,
    verifiedAt: endpoint.verifiedAt,
    lastLeadAt: endpoint.lastLeadAt,
    createdAt: endpoint.createdAt,
  };
}

export type CaptureEndpointView = ReturnType<typeof toCaptureEndpointView>;
