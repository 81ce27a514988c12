import { describe, expect, it } from "vitest";
import { addMember, auditEvents, BASE_URL, db, expectAppError, signUp, uid } from "../../test/factories";

const saas = () => ({ publisherId: "contoso", offerId: `crm-${uid()}`, title: "Contoso CRM Connector", type: "SAAS" as const });

describe("captureEndpoints", () => {
  it("creates the tenant-wide URL once and returns it again, with its full address", async () => {
    const owner = await signUp();
    const first = await owner.caller.captureEndpoints.create({});
    expect(first.created).toBe(true);
    expect(first.endpoint).toMatchObject({ scope: "tenant", offer: null, verifiedAt: null, lastLeadAt: null });
    expect(first.endpoint.url).toMatch(new RegExp(`^${BASE_URL.replace(/\./g, "\\.")}/api/capture/lrc_[A-Za-z0-9_-]{43}$`));
    const again = await owner.caller.captureEndpoints.create({ offerId: null });
    expect(again).toEqual({ created: false, endpoint: first.endpoint });
    expect(await auditEvents(owner.tenant.id, "capture_endpoint.created")).toHaveLength(1);

    const row = await db().captureEndpoint.findUniqueOrThrow({ where: { id: first.endpoint.id } });
    expect(row.tokenCiphertext).not.toContain(first.endpoint.url!.split("/").pop());
  });

  it("keeps one URL per offer besides the tenant-wide one, and lists them all", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create(saas());
    const tenantWide = await owner.caller.captureEndpoints.create({});
    const perOffer = await owner.caller.captureEndpoints.create({ offerId: offer.id });
    expect(perOffer.endpoint).toMatchObject({ scope: "offer", offer: { id: offer.id, publisherId: "contoso", offerId: offer.offerId } });
    expect(perOffer.endpoint.url).not.toBe(tenantWide.endpoint.url);
    const [a, b] = await Promise.all([
      owner.caller.captureEndpoints.create({ offerId: offer.id }),
      owner.caller.captureEndpoints.create({ offerId: offer.id }),
    ]);
    expect([a.created, b.created]).toEqual([false, false]);
    const list = await owner.caller.captureEndpoints.list();
    expect(list.map((e) => e.id).sort()).toEqual([tenantWide.endpoint.id, perOffer.endpoint.id].sort());
  });

  it("rotates a URL: the old one is revoked, a new one takes its scope, and it is audited", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create(saas());
    const { endpoint } = await owner.caller.captureEndpoints.create({ offerId: offer.id });
    const rotated = await owner.caller.captureEndpoints.rotate({ id: endpoint.id });
    expect(rotated.revokedId).toBe(endpoint.id);
    expect(rotated.endpoint).toMatchObject({ scope: "offer", offer: { id: offer.id } });
    expect(rotated.endpoint.url).not.toBe(endpoint.url);
    expect((await db().captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await owner.caller.captureEndpoints.list()).map((e) => e.id)).toEqual([rotated.endpoint.id]);
    expect(await auditEvents(owner.tenant.id, "capture_endpoint.rotated")).toEqual([
      expect.objectContaining({ targetId: rotated.endpoint.id, data: { revokedId: endpoint.id, offerId: offer.id } }),
    ]);
    await expectAppError(owner.caller.captureEndpoints.rotate({ id: endpoint.id }), { code: "NOT_FOUND", reason: "captureEndpointNotFound" });
  });

  it("lets members copy URLs but not create or rotate them, and isolates tenants", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller);
    const { endpoint } = await owner.caller.captureEndpoints.create({});
    expect((await member.caller.captureEndpoints.list()).map((e) => e.url)).toEqual([endpoint.url]);
    await expectAppError(member.caller.captureEndpoints.create({}), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.captureEndpoints.rotate({ id: endpoint.id }), { code: "FORBIDDEN", reason: "adminOnly" });

    const stranger = await signUp({ label: "stranger" });
    const offer = await owner.caller.offers.create(saas());
    await expectAppError(stranger.caller.captureEndpoints.create({ offerId: offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
    await expectAppError(stranger.caller.captureEndpoints.rotate({ id: endpoint.id }), { code: "NOT_FOUND", reason: "captureEndpointNotFound" });
    expect(await stranger.caller.captureEndpoints.list()).toEqual([]);
    expect((await db().captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).revokedAt).toBeNull();
  });
});
