import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { deliverToDestination } from "./deliver";
import { destinationAdapters } from "./registry";
import { RETIRED_DESTINATIONS } from "./retired";
import { testDeliveryContext } from "./testing/context";
import { sampleLead } from "./testing/sample-leads";
import { DESTINATION_KINDS } from "./types";

describe("destination registry", () => {
  it("has the same kinds as the DestinationKind enum in the Prisma schema", () => {
    const schema = readFileSync(new URL("../../../prisma/schema.prisma", import.meta.url), "utf8");
    const body = /enum DestinationKind \{([^}]*)\}/u.exec(schema)?.[1] ?? "";
    const prismaKinds = body
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^[A-Z0-9_]+$/u.test(line));
    expect([...DESTINATION_KINDS]).toEqual(prismaKinds);
    expect(Object.keys(destinationAdapters)).toEqual(prismaKinds);
  });

  it("files each adapter under its own kind, with guidance and masked secret fields", () => {
    for (const [kind, adapter] of Object.entries(destinationAdapters)) {
      expect(adapter.kind).toBe(kind);
      expect(adapter.setupGuide.steps.length).toBeGreaterThan(1);
      const secretShape =
        (adapter.secretsSchema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expect([...adapter.secretFields].sort()).toEqual(Object.keys(secretShape).sort());
    }
  });

  it("explains the retired Azure Blob destination and names the alternatives", () => {
    expect(RETIRED_DESTINATIONS.AZURE_BLOB.message).toContain("retired");
    for (const alternative of RETIRED_DESTINATIONS.AZURE_BLOB.alternatives)
      expect(destinationAdapters).toHaveProperty(alternative);
    expect(destinationAdapters).not.toHaveProperty("AZURE_BLOB");
  });
});

describe("deliverToDestination", () => {
  it("turns settings that no longer validate into a failure that names the field", async () => {
    expect(
      await deliverToDestination(
        "SALESFORCE",
        sampleLead(),
        { orgId: "nope" },
        {},
        testDeliveryContext(),
      ),
    ).toEqual({
      kind: "permanent_failure",
      reason: expect.stringMatching(
        /^The destination's settings are invalid: orgId: Enter the Organization ID/u,
      ),
    });
    expect(
      await deliverToDestination(
        "MARKETO",
        sampleLead(),
        { munchkinId: "123-ABC-456", formId: 1 },
        {},
        testDeliveryContext(),
      ),
    ).toMatchObject({
      kind: "auth_invalid",
      reason: expect.stringContaining("clientId"),
    });
  });

  it("delivers with validated settings", async () => {
    expect(
      await deliverToDestination(
        "EMAIL",
        sampleLead(),
        { recipients: "a@contoso.example" },
        undefined,
        testDeliveryContext(),
      ),
    ).toMatchObject({
      kind: "permanent_failure",
      reason: expect.stringContaining("SMTP is not configured (SMTP_URL)"),
    });
  });
});
