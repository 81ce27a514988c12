import { describe, expect, it } from "vitest";
import {
  addMember,
  auditEvents,
  createPlatformAdmin,
  db,
  expectAppError,
  makePlatformAdmin,
  signUp,
  uid,
} from "../../test/factories";

describe("suspending a tenant", () => {
  it("makes its members' tenant calls fail at once (tenantSuspended); reactivating restores them; both are audited", async () => {
    const staff = await createPlatformAdmin();
    const owner = await signUp({ label: "suspended-owner" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    expect((await member.caller.tenant.current()).id).toBe(owner.tenant.id);

    const suspended = await staff.caller.admin.setTenantStatus({ tenantId: owner.tenant.id, status: "SUSPENDED" });
    expect(suspended).toMatchObject({ id: owner.tenant.id, status: "SUSPENDED" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: owner.tenant.id } })).suspendedAt).toBeInstanceOf(Date);

    const message = `The publisher account "${owner.tenant.name}" is suspended. Contact the Leadrelay team.`;
    for (const user of [owner, member]) {
      await expectAppError(user.caller.tenant.current(), { code: "FORBIDDEN", reason: "tenantSuspended", message });
      await expectAppError(user.caller.members.list(), { code: "FORBIDDEN", reason: "tenantSuspended" });
    }
    await expectAppError(owner.caller.tenant.rename({ name: "While suspended" }), { code: "FORBIDDEN", reason: "tenantSuspended" });
    await expectAppError(owner.caller.invitations.create({ email: `late-${uid()}@example.test` }), { code: "FORBIDDEN", reason: "tenantSuspended" });
    await expectAppError(owner.caller.members.remove({ userId: member.userId }), { code: "FORBIDDEN", reason: "tenantSuspended" });
    await expectAppError(owner.caller.tenant.auditLog(), { code: "FORBIDDEN", reason: "tenantSuspended" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: owner.tenant.id } })).name).toBe(owner.tenant.name);
    expect(await db().membership.count({ where: { tenantId: owner.tenant.id } })).toBe(2);
    expect(await db().invitation.count({ where: { tenantId: owner.tenant.id } })).toBe(1); // only the one that made `member`

    // Account-level calls still work, and show the status.
    expect((await owner.caller.account.me()).activeTenant).toMatchObject({ id: owner.tenant.id, status: "SUSPENDED" });

    const reactivated = await staff.caller.admin.setTenantStatus({ tenantId: owner.tenant.id, status: "ACTIVE" });
    expect(reactivated.status).toBe("ACTIVE");
    expect((await db().tenant.findUniqueOrThrow({ where: { id: owner.tenant.id } })).suspendedAt).toBeNull();
    expect(await owner.caller.tenant.current()).toMatchObject({ id: owner.tenant.id, status: "ACTIVE", role: "OWNER" });
    expect(await member.caller.tenant.current()).toMatchObject({ id: owner.tenant.id, role: "MEMBER" });

    const events = await auditEvents(owner.tenant.id);
    const statusEvents = events.filter((e) => e.action === "tenant.suspended" || e.action === "tenant.reactivated");
    expect(statusEvents.map((e) => ({ action: e.action, actorId: e.actorId, targetId: e.targetId }))).toEqual([
      { action: "tenant.reactivated", actorId: staff.userId, targetId: owner.tenant.id },
      { action: "tenant.suspended", actorId: staff.userId, targetId: owner.tenant.id },
    ]);
    const log = await owner.caller.tenant.auditLog();
    expect(log.find((e) => e.action === "tenant.suspended")?.actor).toEqual({ email: staff.email, name: expect.any(String) });
  });

  it("does not touch the members' other tenants", async () => {
    const staff = await createPlatformAdmin();
    const owner = await signUp({ label: "owner" });
    const member = await addMember(owner.caller, { role: "ADMIN", withOwnTenant: true });
    await staff.caller.admin.setTenantStatus({ tenantId: owner.tenant.id, status: "SUSPENDED" });

    await expectAppError(member.caller.tenant.current(), { code: "FORBIDDEN", reason: "tenantSuspended" });
    const own = (await member.caller.account.me()).tenants.find((t) => t.role === "OWNER")!;
    expect(own.status).toBe("ACTIVE");
    await member.caller.account.switchTenant({ tenantId: own.id });
    expect(await member.caller.tenant.current()).toMatchObject({ id: own.id, status: "ACTIVE" });
  });

  it("an unknown tenant is NOT_FOUND", async () => {
    const staff = await createPlatformAdmin();
    await expectAppError(staff.caller.admin.setTenantStatus({ tenantId: `missing-${uid()}`, status: "SUSPENDED" }), {
      code: "NOT_FOUND",
      reason: "tenantNotFound",
    });
  });
});

describe("platform admin", () => {
  it("lists tenants with member counts and searches by name or slug", async () => {
    const staff = await createPlatformAdmin();
    const tag = uid();
    const owner = await signUp({ companyName: `Searchable Sports ${tag}` });
    await addMember(owner.caller);
    await signUp({ companyName: `Other ${uid()}` });

    const found = await staff.caller.admin.listTenants({ search: `SPORTS ${tag}` });
    expect(found.map((t) => ({ id: t.id, memberCount: t.memberCount, status: t.status }))).toEqual([
      { id: owner.tenant.id, memberCount: 2, status: "ACTIVE" },
    ]);
    expect((await staff.caller.admin.listTenants({ search: owner.tenant.slug })).map((t) => t.id)).toEqual([owner.tenant.id]);
    const all = await staff.caller.admin.listTenants({});
    expect(all.length).toBeGreaterThan(1);
  });

  it("is a flag on the user, re-read on every request; it grants no tenant membership", async () => {
    const user = await signUp({ label: "staff-to-be" });
    await expectAppError(user.caller.admin.listTenants({}), {
      code: "FORBIDDEN",
      reason: "platformAdminOnly",
      message: "This is for Leadrelay platform administrators only.",
    });
    await makePlatformAdmin(user.userId);
    await expect(user.caller.admin.listTenants({ search: user.tenant.slug })).resolves.toHaveLength(1);
    expect((await user.caller.account.me()).user.isPlatformAdmin).toBe(true);
    await makePlatformAdmin(user.userId, false);
    await expectAppError(user.caller.admin.listTenants({}), { code: "FORBIDDEN", reason: "platformAdminOnly" });

    const staff = await createPlatformAdmin();
    await expectAppError(staff.caller.tenant.current(), { code: "FORBIDDEN", reason: "noTenant" });
    await expectAppError(staff.caller.members.list(), { code: "FORBIDDEN", reason: "noTenant" });
  });
});
