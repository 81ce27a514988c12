// Helpers for tests of delivery (worker and API): a database of their own, leads queued as capture does.
export { createIsolatedDatabase } from "./database";
export { captureTestLead, createTestDestination, createTestTenant, waitFor, type CapturedLead } from "./fixtures";
