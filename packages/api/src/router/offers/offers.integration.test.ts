import { captureLead } from "@leadrelay/db";
import { describe, expect, it } from "vitest";
import { addMember, auditEvents, db, expectAppError, expectInvalidInput, invite, signUp, uid } from "../../test/factories";

const saas = (overrides: Record<string, unknown> = {}) => ({
  publisherId: "contoso",
  offerId: `crm-${uid()}`,
  title: "Contoso CRM Connector",
  type: "SAAS" as const,
  ...overrides,
});

describe("offers", () => {
  it("creates an offer with lower-cased ids, reports whether it needs a destination, and audits it", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create(saas({ publisherId: " Contoso ", offerId: "CRM-Connector_2", listedAsContactMe: true }));
    expect(offer).toMatchObject({
      publisherId: "contoso",
      offerId: "crm-connector_2",
      ref: "contoso.crm-connector_2",
      destinationRequired: true,
      ready: false,
      activeDestinationCount: 0,
      captureVerifiedAt: null,
    });
    expect(offer.destinationRequirement).toMatch(/SaaS offers listed with Contact me/);
    expect(await auditEvents(owner.tenant.id, "offer.created")).toEqual([expect.objectContaining({ targetId: offer.id })]);
    expect(await owner.caller.offers.list()).toEqual([expect.objectContaining({ id: offer.id, ref: "contoso.crm-connector_2" })]);
    expect(await owner.caller.offers.get({ id: offer.id })).toMatchObject({ id: offer.id, leadCount: 0 });
  });

  it("knows which offers Partner Center requires a destination for", async () => {
    const owner = await signUp();
    const cases: [Record<string, unknown>, boolean][] = [
      [{ type: "SAAS" }, false],
      [{ type: "SAAS", listedAsContactMe: true }, true],
      [{ type: "DYNAMICS_365_CUSTOMER_ENGAGEMENT" }, false],
      [{ type: "DYNAMICS_365_CUSTOMER_ENGAGEMENT", listedAsContactMe: true }, true],
      [{ type: "DYNAMICS_365_OPERATIONS" }, true],
      [{ type: "DYNAMICS_365_BUSINESS_CENTRAL" }, true],
      [{ type: "CONSULTING_SERVICE" }, true],
      [{ type: "AZURE_VIRTUAL_MACHINE" }, false],
      [{ type: "AZURE_VIRTUAL_MACHINE", hasTestDrive: true }, true],
      [{ type: "POWER_BI_APP", listedAsContactMe: true }, false],
    ];
    for (const [settings, required] of cases) {
      const offer = await owner.caller.offers.create(saas(settings));
      expect(offer.destinationRequired, JSON.stringify(settings)).toBe(required);
    }
  });

  it("refuses ids Partner Center would not accept, with field messages", async () => {
    const owner = await signUp();
    expect((await expectInvalidInput(owner.caller.offers.create(saas({ publisherId: "contoso.inc" })), "publisherId"))[0]).toMatch(/no dots/);
    await expectInvalidInput(owner.caller.offers.create(saas({ offerId: "crm connector" })), "offerId");
    await expectInvalidInput(owner.caller.offers.create(saas({ offerId: "x".repeat(51) })), "offerId");
    await expectInvalidInput(owner.caller.offers.create(saas({ offerId: "-crm" })), "offerId");
    await expectInvalidInput(owner.caller.offers.create(saas({ type: "AZURE_BLOB" })), "type");
    await expectInvalidInput(owner.caller.offers.create(saas({ title: "  " })), "title");
    // GUID offer ids and dotted legacy ids are fine.
    await owner.caller.offers.create(saas({ publisherId: "docusign", offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145a" }));
    await owner.caller.offers.create(saas({ offerId: "legacy.offer" }));
  });

  it("refuses a second offer with the same publisherid.offerid (CONFLICT), on create and on update", async () => {
    const owner = await signUp();
    const first = await owner.caller.offers.create(saas({ offerId: "same" }));
    await expectAppError(owner.caller.offers.create(saas({ offerId: "SAME" })), { code: "CONFLICT", reason: "offerExists", message: /contoso\.same/ });
    const second = await owner.caller.offers.create(saas({ offerId: "other" }));
    await expectAppError(owner.caller.offers.update({ id: second.id, offerId: "same" }), { code: "CONFLICT", reason: "offerExists" });
    expect(await owner.caller.offers.get({ id: first.id })).toMatchObject({ offerId: "same" });
  });

  it("updates only the given fields and audits what changed", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create(saas());
    const updated = await owner.caller.offers.update({ id: offer.id, title: "New title", type: "CONSULTING_SERVICE" });
    expect(updated).toMatchObject({ title: "New title", type: "CONSULTING_SERVICE", offerId: offer.offerId, destinationRequired: true });
    const [event] = await auditEvents(owner.tenant.id, "offer.updated");
    expect(event?.data).toEqual({ title: { from: offer.title, to: "New title" }, type: { from: "SAAS", to: "CONSULTING_SERVICE" } });
  });

  it("is ready once an ACTIVE destination takes its leads, or once a test lead proved its capture URL", async () => {
    const owner = await signUp();
    const byDestination = await owner.caller.offers.create(saas({ type: "CONSULTING_SERVICE" }));
    const byCapture = await owner.caller.offers.create(saas({ type: "CONSULTING_SERVICE" }));
    const paused = await db().destination.create({
      data: { tenantId: owner.tenant.id, offerId: byDestination.id, kind: "WEBHOOK", name: "Paused", config: {}, state: "PAUSED" },
    });
    expect((await owner.caller.offers.get({ id: byDestination.id })).ready).toBe(false);
    await db().destination.update({ where: { id: paused.id }, data: { state: "ACTIVE" } });
    expect(await owner.caller.offers.get({ id: byDestination.id })).toMatchObject({ ready: true, activeDestinationCount: 1 });

    const { endpoint } = await owner.caller.captureEndpoints.create({ offerId: byCapture.id });
    const t = "MSFT_TEST_636573304831318844";
    const at = new Date("2026-11-20T10:00:00Z");
    await captureLead(db(), {
      tenantId: owner.tenant.id,
      channel: "HTTPS",
      captureEndpointId: endpoint.id,
      offer: { id: byCapture.id, publisherId: byCapture.publisherId, offerId: byCapture.offerId, title: byCapture.title },
      lead: { customer: { firstName: t, email: `${t}@test.com` }, source: "AzureMarketplace", action: "INS", receivedAt: at, isTest: true, isPrivacyRedacted: false, extraFields: {} },
      idempotencyKey: `test-${uid()}`,
      receivedAt: at,
    });
    const list = await owner.caller.offers.list();
    expect(list.find((o) => o.id === byCapture.id)).toMatchObject({ ready: true, captureVerifiedAt: at, activeDestinationCount: 0 });
  });

  it("lets members read but only owners and admins write, and never reaches another tenant's offers", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller);
    const offer = await owner.caller.offers.create(saas());
    expect(await member.caller.offers.list()).toHaveLength(1);
    await expectAppError(member.caller.offers.create(saas()), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.offers.update({ id: offer.id, title: "x" }), { code: "FORBIDDEN", reason: "adminOnly" });

    const stranger = await signUp({ label: "stranger" });
    await expectAppError(stranger.caller.offers.get({ id: offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
    await expectAppError(stranger.caller.offers.update({ id: offer.id, title: "Hijacked" }), { code: "NOT_FOUND", reason: "offerNotFound" });
    expect(await stranger.caller.offers.list()).toEqual([]);
  });
});

describe("offer default owner", () => {
  it("is set on create or update to a member of the tenant only, shown by offers.get, audited, and cleared with null", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    const stranger = await signUp({ label: "stranger" });
    const offer = await owner.caller.offers.create(saas({ defaultOwnerId: ann.userId }));
    expect(offer.defaultOwnerId).toBe(ann.userId);
    expect((await owner.caller.offers.get({ id: offer.id })).defaultOwner).toEqual({ userId: ann.userId, name: "Test ann", email: ann.email });
    expect((await owner.caller.offers.list()).find((o) => o.id === offer.id)?.defaultOwnerId).toBe(ann.userId);

    await expectAppError(owner.caller.offers.create(saas({ defaultOwnerId: stranger.userId })), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.offers.update({ id: offer.id, defaultOwnerId: stranger.userId }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectInvalidInput(owner.caller.offers.update({ id: offer.id, defaultOwnerId: "" }), "defaultOwnerId");
    expect((await owner.caller.offers.get({ id: offer.id })).defaultOwnerId).toBe(ann.userId);

    await owner.caller.offers.update({ id: offer.id, defaultOwnerId: owner.userId });
    const [audit] = await auditEvents(owner.tenant.id, "offer.updated");
    expect(audit?.data).toEqual({ defaultOwnerId: { from: ann.userId, to: owner.userId } });
    // Other fields leave it alone; null clears it.
    await owner.caller.offers.update({ id: offer.id, title: "Renamed" });
    expect((await owner.caller.offers.get({ id: offer.id })).defaultOwnerId).toBe(owner.userId);
    const cleared = await owner.caller.offers.update({ id: offer.id, defaultOwnerId: null });
    expect(cleared.defaultOwnerId).toBeNull();
    expect((await owner.caller.offers.get({ id: offer.id })).defaultOwner).toBeNull();
  });

  it("is cleared when that member is removed or leaves, in this tenant only", async () => {
    const owner = await signUp();
    const ann = await signUp({ label: "ann" });
    await ann.caller.invitations.accept({ token: (await invite(owner.caller, ann.email)).token });
    const bob = await addMember(owner.caller, { label: "bob" });
    const annOffer = await owner.caller.offers.create(saas({ defaultOwnerId: ann.userId }));
    const bobOffer = await owner.caller.offers.create(saas({ defaultOwnerId: bob.userId }));
    // Ann's own publisher account has an offer she owns by default: untouched by leaving the other one.
    await ann.caller.account.switchTenant({ tenantId: ann.tenant.id });
    const ownOffer = await ann.caller.offers.create(saas({ defaultOwnerId: ann.userId }));

    await owner.caller.members.remove({ userId: bob.userId });
    expect((await owner.caller.offers.get({ id: bobOffer.id })).defaultOwnerId).toBeNull();
    expect((await owner.caller.offers.get({ id: annOffer.id })).defaultOwnerId).toBe(ann.userId);

    await ann.caller.account.switchTenant({ tenantId: owner.tenant.id });
    await ann.caller.members.leave();
    expect((await owner.caller.offers.get({ id: annOffer.id })).defaultOwnerId).toBeNull();
    expect((await db().offer.findUniqueOrThrow({ where: { id: ownOffer.id } })).defaultOwnerId).toBe(ann.userId);
  });
});
