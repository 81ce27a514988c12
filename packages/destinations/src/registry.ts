import { azureTableAdapter } from "./azure-table/adapter";
import { dynamicsAdapter } from "./dynamics-365/adapter";
import { emailAdapter } from "./email/adapter";
import { marketoAdapter } from "./marketo/adapter";
import { salesforceAdapter } from "./salesforce/adapter";
import type { DestinationAdapter, DestinationKind } from "./types";
import { webhookAdapter } from "./webhook/adapter";

/** Every destination kind's adapter: a kind added to the enum without one fails to compile. */
export const destinationAdapters: Record<DestinationKind, DestinationAdapter> = {
  DYNAMICS_365: dynamicsAdapter,
  SALESFORCE: salesforceAdapter,
  MARKETO: marketoAdapter,
  AZURE_TABLE: azureTableAdapter,
  WEBHOOK: webhookAdapter,
  EMAIL: emailAdapter,
};

export function getDestinationAdapter(kind: DestinationKind): DestinationAdapter {
  return destinationAdapters[kind];
}
