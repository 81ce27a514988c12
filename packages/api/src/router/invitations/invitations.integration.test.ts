import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  addMember,
  anonymous,
  auditEvents,
  BASE_URL,
  callerFor,
  createUserWithoutTenant,
  db,
  expectAppError,
  expectInvalidInput,
  invite,
  signUp,
  uid,
  uniqueEmail,
} from "../../test/factories";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function roleIn(tenantId: string, userId: string) {
  return (await db().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } }))?.role ?? null;
}

describe("inviting and accepting", () => {
  it("invite → link with token → preview valid → accept by that e-mail joins with the role", async () => {
    const owner = await signUp({ label: "inviter", name: "Olga Owner" });
    const invitee = await createUserWithoutTenant({ label: "invitee" });

    const created = await owner.caller.invitations.create({ email: invitee.email.toUpperCase(), role: "ADMIN" });
    expect(created.inviteUrl).toMatch(new RegExp(`^${BASE_URL.replace(/\./g, "\\.")}/invite/[A-Za-z0-9_-]{43}$`));
    expect(created.emailed).toBe(false); // no SMTP in tests
    expect(created.invitation).toMatchObject({ email: invitee.email, role: "ADMIN", invitedBy: { email: owner.email } });
    const token = created.inviteUrl.split("/invite/")[1]!;

    // Only the token's hash is stored.
    const row = await db().invitation.findUniqueOrThrow({ where: { id: created.invitation.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect((await owner.caller.invitations.list()).map((i) => i.id)).toEqual([created.invitation.id]);

    const preview = await anonymous().invitations.preview({ token });
    expect(preview).toMatchObject({
      tenantName: owner.tenant.name,
      email: invitee.email,
      role: "ADMIN",
      invitedBy: "Olga Owner",
      state: "valid",
      accountExists: true,
    });
    const days = (preview.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    await expect(invitee.caller.invitations.accept({ token })).resolves.toEqual({
      tenantId: owner.tenant.id,
      tenantName: owner.tenant.name,
    });
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBe("ADMIN");
    expect(await invitee.caller.tenant.current()).toMatchObject({ id: owner.tenant.id, role: "ADMIN" });
    expect((await invitee.caller.account.me()).tenants).toEqual([expect.objectContaining({ id: owner.tenant.id, role: "ADMIN" })]);
    expect((await owner.caller.members.list()).map((m) => [m.userId, m.role])).toEqual([
      [owner.userId, "OWNER"],
      [invitee.userId, "ADMIN"],
    ]);
    // No longer pending.
    expect(await owner.caller.invitations.list()).toEqual([]);
    expect((await anonymous().invitations.preview({ token })).state).toBe("used");

    const [invited] = await auditEvents(owner.tenant.id, "member.invited");
    expect(invited).toMatchObject({ actorId: owner.userId, targetId: created.invitation.id, data: { email: invitee.email, role: "ADMIN" } });
    const [joined] = await auditEvents(owner.tenant.id, "member.joined");
    expect(joined).toMatchObject({ actorId: invitee.userId, targetId: invitee.userId, data: { role: "ADMIN" } });
    // The owner sees both in the tenant's audit log.
    const log = await owner.caller.tenant.auditLog();
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(["tenant.created", "member.invited", "member.joined"]));
  });

  it("preview tells whether the invited address already has an account", async () => {
    const owner = await signUp({ label: "inviter" });
    const { token } = await invite(owner.caller, uniqueEmail("newcomer"));
    expect((await anonymous().invitations.preview({ token })).accountExists).toBe(false);
  });

  it("a person with an existing tenant keeps it and gains the new one", async () => {
    const owner = await signUp({ label: "inviter" });
    const member = await addMember(owner.caller, { role: "MEMBER", withOwnTenant: true });
    const me = await member.caller.account.me();
    expect(me.tenants.map((t) => t.role).sort()).toEqual(["MEMBER", "OWNER"]);
    expect(me.activeTenant).toMatchObject({ id: owner.tenant.id, role: "MEMBER" });
  });

  it("accepting with a different e-mail is FORBIDDEN and leaves the invitation usable", async () => {
    const owner = await signUp({ label: "inviter" });
    const intended = await createUserWithoutTenant({ label: "intended" });
    const intruder = await signUp({ label: "intruder" });
    const { token } = await invite(owner.caller, intended.email, "ADMIN");

    await expectAppError(intruder.caller.invitations.accept({ token }), {
      code: "FORBIDDEN",
      reason: "invitationEmailMismatch",
      message: `This invitation is for ${intended.email}. Sign in with that address to accept it.`,
    });
    expect(await roleIn(owner.tenant.id, intruder.userId)).toBeNull();
    expect((await intruder.caller.tenant.current()).id).toBe(intruder.tenant.id);
    expect((await anonymous().invitations.preview({ token })).state).toBe("valid");
    expect(await auditEvents(owner.tenant.id, "member.joined")).toEqual([]);

    await intended.caller.invitations.accept({ token });
    expect(await roleIn(owner.tenant.id, intended.userId)).toBe("ADMIN");
  });

  it("a used link is refused (invitation_used)", async () => {
    const owner = await signUp({ label: "inviter" });
    const invitee = await createUserWithoutTenant();
    const { token } = await invite(owner.caller, invitee.email, "MEMBER");
    await invitee.caller.invitations.accept({ token });
    // The owner then makes them ADMIN; replaying the link must not touch anything.
    await owner.caller.members.updateRole({ userId: invitee.userId, role: "ADMIN" });

    await expectAppError(invitee.caller.invitations.accept({ token }), {
      code: "BAD_REQUEST",
      reason: "invitation_used",
      message: "This invitation was already used.",
    });
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBe("ADMIN");
    expect(await auditEvents(owner.tenant.id, "member.joined")).toHaveLength(1);
  });

  it("the same link accepted twice at once (two tabs) is used exactly once", async () => {
    const owner = await signUp({ label: "inviter" });
    const invitee = await createUserWithoutTenant();
    const { token } = await invite(owner.caller, invitee.email, "ADMIN");
    const other = callerFor(invitee.userId);

    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => (i % 2 ? other : invitee.caller).invitations.accept({ token })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "BAD_REQUEST", reason: "invitation_used" });
    }
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBe("ADMIN");
    expect(await auditEvents(owner.tenant.id, "member.joined")).toHaveLength(1);
  });

  it("an expired link is refused (invitation_expired)", async () => {
    const owner = await signUp({ label: "inviter" });
    const invitee = await createUserWithoutTenant();
    const { token, invitationId } = await invite(owner.caller, invitee.email);
    await db().invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect((await anonymous().invitations.preview({ token })).state).toBe("expired");
    expect(await owner.caller.invitations.list()).toEqual([]);
    await expectAppError(invitee.caller.invitations.accept({ token }), {
      code: "BAD_REQUEST",
      reason: "invitation_expired",
      message: "This invitation has expired. Ask for a new one.",
    });
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBeNull();
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();
  });

  it("a revoked link is refused (invitation_revoked); revoking twice is NOT_FOUND", async () => {
    const owner = await signUp({ label: "inviter" });
    const invitee = await createUserWithoutTenant();
    const { token, invitationId } = await invite(owner.caller, invitee.email);
    const keep = await invite(owner.caller, uniqueEmail("kept"));

    await expect(owner.caller.invitations.revoke({ invitationId })).resolves.toEqual({ invitationId });
    expect((await owner.caller.invitations.list()).map((i) => i.id)).toEqual([keep.invitationId]);
    expect((await anonymous().invitations.preview({ token })).state).toBe("revoked");
    await expectAppError(invitee.caller.invitations.accept({ token }), {
      code: "BAD_REQUEST",
      reason: "invitation_revoked",
      message: "This invitation was withdrawn. Ask for a new one.",
    });
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBeNull();
    await expectAppError(owner.caller.invitations.revoke({ invitationId }), { code: "NOT_FOUND", reason: "invitationNotFound" });

    const [revoked] = await auditEvents(owner.tenant.id, "member.invitation_revoked");
    expect(revoked).toMatchObject({ actorId: owner.userId, targetId: invitationId });
  });

  it("an accepted invitation cannot be revoked afterwards", async () => {
    const owner = await signUp({ label: "inviter" });
    const invitee = await createUserWithoutTenant();
    const { token, invitationId } = await invite(owner.caller, invitee.email);
    await invitee.caller.invitations.accept({ token });
    await expectAppError(owner.caller.invitations.revoke({ invitationId }), { code: "NOT_FOUND", reason: "invitationNotFound" });
    expect(await roleIn(owner.tenant.id, invitee.userId)).toBe("MEMBER");
  });

  it("an unknown token is NOT_FOUND for preview and accept", async () => {
    const user = await createUserWithoutTenant();
    const token = `unknown-token-${uid()}-${uid()}`;
    await expectAppError(anonymous().invitations.preview({ token }), { code: "NOT_FOUND", reason: "invitationNotFound" });
    await expectAppError(user.caller.invitations.accept({ token }), { code: "NOT_FOUND", reason: "invitationNotFound" });
    await expectInvalidInput(anonymous().invitations.preview({ token: "short" }), "token");
  });

  it("inviting someone who is already a member is CONFLICT alreadyMember", async () => {
    const owner = await signUp({ label: "inviter" });
    const member = await addMember(owner.caller);
    await expectAppError(owner.caller.invitations.create({ email: member.email.toUpperCase() }), {
      code: "CONFLICT",
      reason: "alreadyMember",
      message: `${member.email} is already a member of this publisher account.`,
    });
    await expectAppError(owner.caller.invitations.create({ email: owner.email }), { code: "CONFLICT", reason: "alreadyMember" });
    expect(await owner.caller.invitations.list()).toEqual([]);
  });

  it("refuses an invalid e-mail address", async () => {
    const owner = await signUp({ label: "inviter" });
    expect(await expectInvalidInput(owner.caller.invitations.create({ email: "nope" }), "email")).toEqual(["Enter a valid e-mail address."]);
  });
});

describe("who may invite", () => {
  it("a MEMBER cannot invite, list or revoke invitations (FORBIDDEN adminOnly)", async () => {
    const owner = await signUp({ label: "inviter" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const pending = await invite(owner.caller, uniqueEmail("pending"));
    const before = await db().invitation.count({ where: { tenantId: owner.tenant.id } });

    const message = "Only owners and admins of this publisher account can do this.";
    await expectAppError(member.caller.invitations.create({ email: uniqueEmail("friend") }), { code: "FORBIDDEN", reason: "adminOnly", message });
    await expectAppError(member.caller.invitations.list(), { code: "FORBIDDEN", reason: "adminOnly", message });
    await expectAppError(member.caller.invitations.revoke({ invitationId: pending.invitationId }), { code: "FORBIDDEN", reason: "adminOnly" });

    expect(await db().invitation.count({ where: { tenantId: owner.tenant.id } })).toBe(before);
    expect((await anonymous().invitations.preview({ token: pending.token })).state).toBe("valid");
  });

  it("an ADMIN can invite members and admins but not owners (FORBIDDEN ownerOnly)", async () => {
    const owner = await signUp({ label: "inviter" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });

    await expectAppError(admin.caller.invitations.create({ email: uniqueEmail("would-be-owner"), role: "OWNER" }), {
      code: "FORBIDDEN",
      reason: "ownerOnly",
      message: "Only owners can invite other owners.",
    });
    expect(await owner.caller.invitations.list()).toEqual([]);

    const asMember = await admin.caller.invitations.create({ email: uniqueEmail("m") });
    expect(asMember.invitation.role).toBe("MEMBER"); // the default role
    const asAdmin = await admin.caller.invitations.create({ email: uniqueEmail("a"), role: "ADMIN" });
    expect(asAdmin.invitation.role).toBe("ADMIN");
    expect((await admin.caller.invitations.list()).map((i) => i.id).sort()).toEqual(
      [asMember.invitation.id, asAdmin.invitation.id].sort(),
    );
  });

  it("an OWNER can invite another owner, who then has full rights", async () => {
    const owner = await signUp({ label: "inviter" });
    const coOwner = await addMember(owner.caller, { role: "OWNER" });
    expect(await coOwner.caller.tenant.current()).toMatchObject({ id: owner.tenant.id, role: "OWNER" });
    await expect(coOwner.caller.tenant.auditLog()).resolves.toBeInstanceOf(Array);
  });
});
