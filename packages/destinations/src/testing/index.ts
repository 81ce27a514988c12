// Vendor fakes for tests: local servers built from each vendor's documented contract.
export { startAzuriteTable, type AzuriteTable } from "../azure-table/fake";
export { writeTableRows, type MarketplaceRowInput } from "./azure-table-rows";
export {
  startDynamicsFake,
  type DynamicsFake,
  type DynamicsFakeOptions,
} from "../dynamics-365/fake";
export { startSmtpSink, type CapturedMail, type SmtpSink } from "../email/fake";
export { startMarketoFake, type MarketoFake, type MarketoFakeOptions } from "../marketo/fake";
export {
  startSalesforceFake,
  type SalesforceFake,
  type SalesforceFakeOptions,
} from "../salesforce/fake";
export { startWebhookSink, type ReceivedWebhook, type WebhookSink } from "../webhook/fake";
export {
  FakeHttpServer,
  type FakeBehaviour,
  type FakeResponse,
  type FakeRoute,
  type RecordedRequest,
} from "./fake-http-server";
export { sampleLead } from "./sample-leads";
export { testDeliveryContext } from "./context";
