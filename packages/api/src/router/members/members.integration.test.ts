import { describe, expect, it } from "vitest";
import { addMember, auditEvents, db, expectAppError, signUp, uid } from "../../test/factories";

async function roleIn(tenantId: string, userId: string) {
  return (await db().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } }))?.role ?? null;
}

describe("members.list", () => {
  it("lists everyone in the active tenant with their role, for any member", async () => {
    const owner = await signUp({ label: "owner" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const expected = [
      { userId: owner.userId, email: owner.email, role: "OWNER" },
      { userId: admin.userId, email: admin.email, role: "ADMIN" },
      { userId: member.userId, email: member.email, role: "MEMBER" },
    ];
    for (const caller of [owner.caller, admin.caller, member.caller]) {
      const listed = await caller.members.list();
      expect(listed.map(({ userId, email, role }) => ({ userId, email, role }))).toEqual(expected);
    }
  });
});

describe("members.updateRole", () => {
  it("an owner changes roles; the new role applies on the next request; it is audited", async () => {
    const owner = await signUp({ label: "owner" });
    const member = await addMember(owner.caller, { role: "MEMBER" });

    await expectAppError(member.caller.tenant.rename({ name: "Not allowed" }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expect(owner.caller.members.updateRole({ userId: member.userId, role: "ADMIN" })).resolves.toEqual({
      userId: member.userId,
      role: "ADMIN",
    });
    expect(await roleIn(owner.tenant.id, member.userId)).toBe("ADMIN");
    const renamed = `Renamed by admin ${uid()}`;
    await expect(member.caller.tenant.rename({ name: renamed })).resolves.toMatchObject({ name: renamed });

    await owner.caller.members.updateRole({ userId: member.userId, role: "MEMBER" });
    await expectAppError(member.caller.tenant.rename({ name: "Again" }), { code: "FORBIDDEN", reason: "adminOnly" });

    const changes = await auditEvents(owner.tenant.id, "member.role_changed");
    expect(changes.map((e) => ({ actorId: e.actorId, targetId: e.targetId, data: e.data }))).toEqual([
      { actorId: owner.userId, targetId: member.userId, data: { from: "ADMIN", to: "MEMBER" } },
      { actorId: owner.userId, targetId: member.userId, data: { from: "MEMBER", to: "ADMIN" } },
    ]);
    const [renamedEvent] = await auditEvents(owner.tenant.id, "tenant.renamed");
    expect(renamedEvent).toMatchObject({ actorId: member.userId, data: { from: owner.tenant.name, to: renamed } });
  });

  it("admins and members cannot change roles (FORBIDDEN ownerOnly)", async () => {
    const owner = await signUp({ label: "owner" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const message = "Only owners of this publisher account can do this.";
    await expectAppError(admin.caller.members.updateRole({ userId: member.userId, role: "ADMIN" }), { code: "FORBIDDEN", reason: "ownerOnly", message });
    await expectAppError(admin.caller.members.updateRole({ userId: admin.userId, role: "OWNER" }), { code: "FORBIDDEN", reason: "ownerOnly" });
    await expectAppError(member.caller.members.updateRole({ userId: member.userId, role: "OWNER" }), { code: "FORBIDDEN", reason: "ownerOnly" });
    expect(await roleIn(owner.tenant.id, admin.userId)).toBe("ADMIN");
    expect(await roleIn(owner.tenant.id, member.userId)).toBe("MEMBER");
  });

  it("updating someone who is not a member is NOT_FOUND", async () => {
    const owner = await signUp({ label: "owner" });
    const outsider = await signUp({ label: "outsider" });
    await expectAppError(owner.caller.members.updateRole({ userId: outsider.userId, role: "ADMIN" }), {
      code: "NOT_FOUND",
      reason: "memberNotFound",
    });
    expect(await roleIn(owner.tenant.id, outsider.userId)).toBeNull();
  });
});

describe("the last owner", () => {
  it("cannot be demoted, removed, or leave (BAD_REQUEST lastOwner)", async () => {
    const owner = await signUp({ label: "last-owner" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });

    for (const role of ["ADMIN", "MEMBER"] as const) {
      await expectAppError(owner.caller.members.updateRole({ userId: owner.userId, role }), {
        code: "BAD_REQUEST",
        reason: "lastOwner",
        message: "The last owner cannot be demoted. Make someone else an owner first.",
      });
    }
    await expectAppError(owner.caller.members.remove({ userId: owner.userId }), {
      code: "BAD_REQUEST",
      reason: "lastOwner",
      message: "The last owner cannot be removed. Make someone else an owner first.",
    });
    await expectAppError(owner.caller.members.leave(), {
      code: "BAD_REQUEST",
      reason: "lastOwner",
      message: "You are the last owner: make someone else an owner before you leave.",
    });
    expect(await roleIn(owner.tenant.id, owner.userId)).toBe("OWNER");
    expect(await auditEvents(owner.tenant.id, "member.role_changed")).toEqual([]);
    expect(await auditEvents(owner.tenant.id, "member.removed")).toEqual([]);
    expect(await auditEvents(owner.tenant.id, "member.left")).toEqual([]);

    // Keeping the owner an owner is allowed (not a demotion).
    await expect(owner.caller.members.updateRole({ userId: owner.userId, role: "OWNER" })).resolves.toMatchObject({ role: "OWNER" });

    // With a second owner, the first may step down, and then the second is the last one.
    await owner.caller.members.updateRole({ userId: admin.userId, role: "OWNER" });
    await expect(owner.caller.members.updateRole({ userId: owner.userId, role: "ADMIN" })).resolves.toMatchObject({ role: "ADMIN" });
    await expectAppError(admin.caller.members.leave(), { code: "BAD_REQUEST", reason: "lastOwner" });
    await expectAppError(admin.caller.members.remove({ userId: admin.userId }), { code: "BAD_REQUEST", reason: "lastOwner" });
    expect(await roleIn(owner.tenant.id, admin.userId)).toBe("OWNER");
  });

  it("one of two owners may leave", async () => {
    const owner = await signUp({ label: "owner" });
    const coOwner = await addMember(owner.caller, { role: "OWNER" });
    await expect(coOwner.caller.members.leave()).resolves.toEqual({ tenantId: owner.tenant.id });
    expect(await roleIn(owner.tenant.id, coOwner.userId)).toBeNull();
    await expectAppError(coOwner.caller.members.list(), { code: "FORBIDDEN", reason: "noTenant" });
  });
});

describe("removing a member", () => {
  it("revokes their access at once: their next tenant call fails", async () => {
    const owner = await signUp({ label: "owner" });
    const member = await addMember(owner.caller, { role: "ADMIN" });
    expect((await member.caller.tenant.current()).id).toBe(owner.tenant.id);
    expect(await member.caller.invitations.list()).toEqual([]);

    await expect(owner.caller.members.remove({ userId: member.userId })).resolves.toEqual({ userId: member.userId });

    const message = "You are not a member of any publisher account.";
    await expectAppError(member.caller.tenant.current(), { code: "FORBIDDEN", reason: "noTenant", message });
    await expectAppError(member.caller.members.list(), { code: "FORBIDDEN", reason: "noTenant" });
    await expectAppError(member.caller.invitations.create({ email: `x-${uid()}@example.test` }), { code: "FORBIDDEN", reason: "noTenant" });
    expect(await roleIn(owner.tenant.id, member.userId)).toBeNull();
    expect((await owner.caller.members.list()).map((m) => m.userId)).toEqual([owner.userId]);

    const [removed] = await auditEvents(owner.tenant.id, "member.removed");
    expect(removed).toMatchObject({ actorId: owner.userId, targetType: "user", targetId: member.userId });
  });

  it("someone with a tenant of their own falls back to it and never sees the removed tenant again", async () => {
    const owner = await signUp({ label: "owner" });
    const member = await addMember(owner.caller, { role: "ADMIN", withOwnTenant: true });
    expect((await member.caller.tenant.current()).id).toBe(owner.tenant.id);

    await owner.caller.members.remove({ userId: member.userId });

    const current = await member.caller.tenant.current();
    expect(current.id).not.toBe(owner.tenant.id);
    expect(current.role).toBe("OWNER");
    const listed = await member.caller.members.list();
    expect(listed.map((m) => m.userId)).toEqual([member.userId]);
    expect((await member.caller.account.me()).tenants.map((t) => t.id)).not.toContain(owner.tenant.id);
    // A rename now lands on their own tenant, not the one they were removed from.
    await member.caller.tenant.rename({ name: `Own ${uid()}` });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: owner.tenant.id } })).name).toBe(owner.tenant.name);
    await expectAppError(member.caller.account.switchTenant({ tenantId: owner.tenant.id }), { code: "NOT_FOUND", reason: "tenantNotFound" });
  });

  it("removing someone who is not a member is NOT_FOUND; only owners may remove", async () => {
    const owner = await signUp({ label: "owner" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const outsider = await signUp({ label: "outsider" });

    await expectAppError(owner.caller.members.remove({ userId: outsider.userId }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(admin.caller.members.remove({ userId: member.userId }), { code: "FORBIDDEN", reason: "ownerOnly" });
    await expectAppError(member.caller.members.remove({ userId: admin.userId }), { code: "FORBIDDEN", reason: "ownerOnly" });
    expect(await roleIn(owner.tenant.id, member.userId)).toBe("MEMBER");
    expect(await roleIn(owner.tenant.id, admin.userId)).toBe("ADMIN");
  });

  it("a member who leaves loses access at once; it is audited", async () => {
    const owner = await signUp({ label: "owner" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    await expect(member.caller.members.leave()).resolves.toEqual({ tenantId: owner.tenant.id });
    await expectAppError(member.caller.tenant.current(), { code: "FORBIDDEN", reason: "noTenant" });
    const [left] = await auditEvents(owner.tenant.id, "member.left");
    expect(left).toMatchObject({ actorId: member.userId, targetId: member.userId });
  });
});
