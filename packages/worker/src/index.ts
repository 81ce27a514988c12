// The delivery worker: runs the `deliver` jobs that capture queues (transactional outbox),
// records every attempt, retries on the schedule, keeps each destination's health.
export { callDestination, offerLabelOf, type CallOptions, type CallResult, type StoredDestination } from "./call-destination";
export { deliver, type DeliverDeps, type DeliverResult } from "./deliver";
export { workerEnv } from "./env";
export { healthEventOf, nextHealth, nextHealthAfterProbe, type HealthChange, type HealthEvent } from "./health";
export { notifyAdmins, type DestinationNotice } from "./notify";
export { deliverySettings, type DeliverySettings } from "./settings";
export { unlockStaleDeliveryJobs } from "./stale-jobs";
export { startWorker, type RunningWorker, type StartWorkerOptions } from "./start-worker";
export { startEmbeddedWorker } from "./embedded";
export {
  AZURE_TABLE_IMPORT_CRONTAB,
  azureTableIdempotencyKey,
  runAzureTableImport,
  type AzureTableImportDeps,
  type AzureTableImportResult,
} from "./tasks/azure-table-import";
