/**
 * PostgreSQL refuses U+0000 in text and jsonb. Found by the fuzz tests: such input must
 * never turn into a 500. Captures through the pipeline drop the character (the marketplace's
 * leads must not be lost over it); tRPC input carrying it is refused with a clear BAD_REQUEST.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { captureLead } from "@leadrelay/db";
import type { Lead } from "@leadrelay/leads";
import { db, signUp, uid } from "./test/factories";

describe("text with U+0000", () => {
  it("a capture through the pipeline is stored without the character", async () => {
    const owner = await signUp({ label: "nul-lead" });
    const lead: Lead = {
      customer: { firstName: "Gr\u0000ace", company: "Navy\u0000", email: `grace-${uid()}@navy.example` },
      receivedAt: new Date(),
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: { "note\u0000": "a\u0000b" },
    };
    const result = await captureLead(db(), { tenantId: owner.tenant.id, channel: "API", offer: null, lead, idempotencyKey: `nul:${uid()}`, receivedAt: new Date() });
    const stored = await owner.caller.leads.get({ id: result.leadId });
    expect(stored.firstName).toBe("Grace");
    expect(stored.company).toBe("Navy");
  });

  it("other text is refused as bad input, not a server error", async () => {
    const owner = await signUp({ label: "nul-offer" });
    const error: unknown = await owner.caller.offers
      .create({ publisherId: "contoso", offerId: "nul-offer", title: "Contoso\u0000 Analytics", type: "SAAS" })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/U\+0000/);
    await expect(owner.caller.leads.create({ firstName: "Gr\u0000ace" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.caller.offers.list()).toEqual([]);
  });
});
