import { assignOwnerForNewLead, MembershipRepository, recordNewLeadAssignment } from "@leadrelay/db";
import { describe, expect, it } from "vitest";
import { addMember, auditEvents, db, expectAppError, expectInvalidInput, signUp } from "../../test/factories";
import { createDncLead, createTestLead, createTestOffer, leadRow, timelineOf } from "../followups/testing";

async function stageByName(caller: Awaited<ReturnType<typeof signUp>>["caller"], name: string) {
  const stage = (await caller.pipeline.stages()).find((s) => s.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage;
}

describe("default pipeline and checklist", () => {
  it("are created on first use: New → Contacted → Qualified → Nurturing → Won / Lost / Disqualified, each with a milestone", async () => {
    const owner = await signUp();
    expect(await db().pipelineStage.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
    const stages = await owner.caller.pipeline.stages();
    expect(stages.map((s) => [s.name, s.kind, s.isNurture, s.position])).toEqual([
      ["New", "OPEN", false, 0],
      ["Contacted", "OPEN", false, 1],
      ["Qualified", "OPEN", false, 2],
      ["Nurturing", "OPEN", true, 3],
      ["Won", "WON", false, 4],
      ["Lost", "LOST", false, 5],
      ["Disqualified", "DISQUALIFIED", false, 6],
    ]);
    expect(stages.every((s) => (s.description ?? "").length > 10)).toBe(true);
    expect(stages.filter((s) => s.isEntry).map((s) => s.name)).toEqual(["New"]);
    const criteria = await owner.caller.pipeline.criteria();
    expect(criteria.map((c) => c.label)).toEqual(["Budget", "Authority", "Need", "Timeline"]);
  });

  it("are created once when many requests arrive at the same time", async () => {
    const owner = await signUp();
    await Promise.all(Array.from({ length: 6 }, () => owner.caller.pipeline.stages()));
    expect(await db().pipelineStage.count({ where: { tenantId: owner.tenant.id } })).toBe(7);
    expect(await db().qualificationCriterion.count({ where: { tenantId: owner.tenant.id } })).toBe(4);
  });

  it("speak the language of the first user", async () => {
    const owner = await signUp({ locale: "ru" });
    expect((await owner.caller.pipeline.stages()).map((s) => s.name)).toContain("Квалифицирован");
    expect((await owner.caller.pipeline.criteria()).map((c) => c.label)).toEqual(["Бюджет", "Полномочия", "Потребность", "Сроки"]);
  });

  it("count each stage's real leads, leads without a stage in New", async () => {
    const owner = await signUp();
    const contacted = await stageByName(owner.caller, "Contacted");
    await createTestLead(owner.tenant.id);
    await createTestLead(owner.tenant.id, { stageId: contacted.id });
    await createTestLead(owner.tenant.id, { isTest: true });
    const counts = Object.fromEntries((await owner.caller.pipeline.stages()).map((s) => [s.name, s.leadCount]));
    expect(counts).toMatchObject({ New: 1, Contacted: 1, Won: 0 });
  });
});

describe("editing stages (owners and admins)", () => {
  it("adds, renames, re-describes and reorders stages", async () => {
    const owner = await signUp();
    await owner.caller.pipeline.stages();
    const demo = await owner.caller.pipeline.createStage({ name: "Demo booked", description: "A demo is in the calendar." });
    expect(demo).toMatchObject({ name: "Demo booked", kind: "OPEN", isNurture: false, position: 7 });
    const renamed = await owner.caller.pipeline.updateStage({ stageId: demo.id, name: "Demo", description: "" });
    expect(renamed).toMatchObject({ name: "Demo", description: null });

    const ids = (await owner.caller.pipeline.stages()).map((s) => s.id);
    const order = [ids[0]!, ids[1]!, demo.id, ...ids.slice(2).filter((id) => id !== demo.id)];
    const reordered = await owner.caller.pipeline.reorderStages({ stageIds: order });
    expect(reordered.map((s) => s.name).slice(0, 4)).toEqual(["New", "Contacted", "Demo", "Qualified"]);
  });

  it("refuses edits that break the pipeline, with a reason", async () => {
    const owner = await signUp();
    const stages = await owner.caller.pipeline.stages();
    const [newStage, contacted, qualified, nurturing, won] = stages;
    await expectAppError(owner.caller.pipeline.createStage({ name: "won " }), { code: "BAD_REQUEST", reason: "duplicateStageName" });
    await expectAppError(owner.caller.pipeline.updateStage({ stageId: nurturing!.id, kind: "LOST" }), { code: "BAD_REQUEST", reason: "nurtureMustBeOpen" });
    await expectAppError(owner.caller.pipeline.reorderStages({ stageIds: [contacted!.id, newStage!.id] }), { code: "BAD_REQUEST", reason: "stageOrderMismatch" });
    await expectAppError(owner.caller.pipeline.deleteStage({ stageId: won!.id, moveLeadsToStageId: won!.id }), { code: "BAD_REQUEST", reason: "moveToSameStage" });
    // Closing every open stage leaves new leads nowhere to go.
    for (const stage of [newStage!, contacted!]) await owner.caller.pipeline.updateStage({ stageId: stage.id, kind: "LOST" });
    await expectAppError(owner.caller.pipeline.updateStage({ stageId: qualified!.id, kind: "WON" }), {
      code: "BAD_REQUEST",
      reason: "needsOpenStage",
      message: /new leads start there/,
    });
    expect(await expectInvalidInput(owner.caller.pipeline.createStage({ name: "  " }), "name")).toEqual(["Enter a name."]);
  });

  it("moves the nurture role only between empty stages, so no cadence is stranded", async () => {
    const owner = await signUp();
    const stages = await owner.caller.pipeline.stages();
    const nurturing = stages.find((s) => s.isNurture)!;
    const qualified = stages.find((s) => s.name === "Qualified")!;
    await createTestLead(owner.tenant.id, { stageId: nurturing.id, nurtureUntil: new Date(), nurtureCadenceDays: 30 });
    await expectAppError(owner.caller.pipeline.updateStage({ stageId: qualified.id, isNurture: true }), { code: "BAD_REQUEST", reason: "nurtureStageHasLeads" });
    const parked = await owner.caller.pipeline.createStage({ name: "Parked" });
    await db().lead.updateMany({ where: { tenantId: owner.tenant.id }, data: { stageId: parked.id, nurtureUntil: null, nurtureCadenceDays: null } });
    await owner.caller.pipeline.updateStage({ stageId: qualified.id, isNurture: true });
    const after = await owner.caller.pipeline.stages();
    expect(after.filter((s) => s.isNurture).map((s) => s.name)).toEqual(["Qualified"]);
  });

  it("deleting a stage moves its leads (on their timelines) and ends their follow-ups when the target is closed", async () => {
    const owner = await signUp();
    const contacted = await stageByName(owner.caller, "Contacted");
    const lost = await stageByName(owner.caller, "Lost");
    const lead = await createTestLead(owner.tenant.id, { stageId: contacted.id, nextFollowUpAt: new Date(Date.now() + 3600_000) });
    await expect(owner.caller.pipeline.deleteStage({ stageId: contacted.id, moveLeadsToStageId: lost.id })).resolves.toEqual({
      deletedStageId: contacted.id,
      movedLeads: 1,
    });
    expect(await leadRow(lead.id)).toMatchObject({ stageId: lost.id, nextFollowUpAt: null });
    const [event] = await timelineOf(lead.id);
    expect(event).toMatchObject({ kind: "stage.changed", actorId: owner.userId, data: { from: "Contacted", to: "Lost", reason: "stageDeleted" } });
    expect((await owner.caller.pipeline.stages()).map((s) => s.name)).not.toContain("Contacted");
  });

  it("is for owners and admins; members read it", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });
    const stages = await member.caller.pipeline.stages();
    await expectAppError(member.caller.pipeline.createStage({ name: "Mine" }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.pipeline.updateStage({ stageId: stages[0]!.id, name: "X" }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.pipeline.createCriterion({ label: "Mine" }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.pipeline.updateAssignment({ mode: "MANUAL" }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expect(admin.caller.pipeline.createStage({ name: "Admin's" })).resolves.toMatchObject({ name: "Admin's" });
  });

  it("another tenant's stage ids are NOT_FOUND and nothing changes", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const theirs = await other.caller.pipeline.stages();
    const mine = await owner.caller.pipeline.stages();
    const theirStage = theirs[1]!;
    await expectAppError(owner.caller.pipeline.updateStage({ stageId: theirStage.id, name: "Hijacked" }), { code: "NOT_FOUND", reason: "stageNotFound" });
    await expectAppError(owner.caller.pipeline.deleteStage({ stageId: theirStage.id, moveLeadsToStageId: mine[0]!.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
    await expectAppError(owner.caller.pipeline.deleteStage({ stageId: mine[1]!.id, moveLeadsToStageId: theirStage.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
    await expectAppError(owner.caller.pipeline.reorderStages({ stageIds: theirs.map((s) => s.id) }), { code: "BAD_REQUEST", reason: "stageOrderMismatch" });
    expect(await other.caller.pipeline.stages()).toEqual(theirs);
    expect((await owner.caller.pipeline.stages()).map((s) => s.id)).toEqual(mine.map((s) => s.id));
  });
});

describe("qualification checklist (owners and admins)", () => {
  it("adds, edits, reorders, archives and restores criteria", async () => {
    const owner = await signUp();
    const [budget, authority, need, timeline] = await owner.caller.pipeline.criteria();
    const champion = await owner.caller.pipeline.createCriterion({ label: "Champion", description: "Someone inside pushes for us." });
    await owner.caller.pipeline.updateCriterion({ criterionId: champion.id, label: "Internal champion" });
    const reordered = await owner.caller.pipeline.reorderCriteria({ criterionIds: [need!.id, budget!.id, authority!.id, timeline!.id, champion.id] });
    expect(reordered.map((c) => c.label)).toEqual(["Need", "Budget", "Authority", "Timeline", "Internal champion"]);
    await owner.caller.pipeline.archiveCriterion({ criterionId: timeline!.id });
    expect((await owner.caller.pipeline.criteria()).map((c) => c.label)).toEqual(["Need", "Budget", "Authority", "Internal champion"]);
    expect((await owner.caller.pipeline.criteria({ includeArchived: true })).length).toBe(5);
    await owner.caller.pipeline.archiveCriterion({ criterionId: timeline!.id, archived: false });
    expect((await owner.caller.pipeline.criteria()).length).toBe(5);
  });

  it("refuses duplicates, incomplete reorders and another tenant's criteria", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const [budget] = await owner.caller.pipeline.criteria();
    const [theirs] = await other.caller.pipeline.criteria();
    await expectAppError(owner.caller.pipeline.createCriterion({ label: " budget" }), { code: "BAD_REQUEST", reason: "duplicateCriterion" });
    await expectAppError(owner.caller.pipeline.reorderCriteria({ criterionIds: [budget!.id] }), { code: "BAD_REQUEST", reason: "criterionOrderMismatch" });
    await expectAppError(owner.caller.pipeline.updateCriterion({ criterionId: theirs!.id, label: "Hijacked" }), { code: "NOT_FOUND", reason: "criterionNotFound" });
    await expectAppError(owner.caller.pipeline.archiveCriterion({ criterionId: theirs!.id }), { code: "NOT_FOUND", reason: "criterionNotFound" });
    expect((await other.caller.pipeline.criteria())[0]).toEqual(theirs);
  });
});

describe("owner assignment", () => {
  it("round robin takes turns among the chosen members, skipping people who left; audited", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    const bob = await addMember(owner.caller, { label: "bob" });
    expect(await owner.caller.pipeline.assignment()).toMatchObject({ mode: "MANUAL", roundRobinUserIds: [] });
    await owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [ann.userId, bob.userId, ann.userId] });
    expect(await owner.caller.pipeline.assignment()).toMatchObject({ mode: "ROUND_ROBIN", roundRobinUserIds: [ann.userId, bob.userId] });

    const next = () => db().$transaction((tx) => assignOwnerForNewLead(tx, owner.tenant.id, null));
    expect(await next()).toEqual({ ownerId: ann.userId, rule: "round_robin" });
    expect(await next()).toEqual({ ownerId: bob.userId, rule: "round_robin" });
    expect(await next()).toEqual({ ownerId: ann.userId, rule: "round_robin" });
    await new MembershipRepository(db()).remove(owner.tenant.id, ann.userId);
    expect(await next()).toEqual({ ownerId: bob.userId, rule: "round_robin" });
    expect(await next()).toEqual({ ownerId: bob.userId, rule: "round_robin" });

    // The capture pipeline records the rule's choice on the new lead's timeline.
    const lead = await createTestLead(owner.tenant.id, { ownerId: bob.userId });
    await db().$transaction((tx) => recordNewLeadAssignment(tx, owner.tenant.id, lead.id, { ownerId: bob.userId, rule: "round_robin" }));
    expect(await timelineOf(lead.id)).toMatchObject([{ kind: "owner.changed", actorId: null, data: { toUserId: bob.userId, to: "Test bob", rule: "round_robin" } }]);

    const [audit] = await auditEvents(owner.tenant.id, "followup.assignment_changed");
    expect(audit).toMatchObject({ actorId: owner.userId, data: { from: "MANUAL", to: "ROUND_ROBIN" } });
  });

  it("concurrent captures get consecutive owners", async () => {
    const owner = await signUp();
    const members = await Promise.all([1, 2, 3].map((i) => addMember(owner.caller, { label: `rr${i}` })));
    await owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: members.map((m) => m.userId) });
    const results = await Promise.all(Array.from({ length: 6 }, () => db().$transaction((tx) => assignOwnerForNewLead(tx, owner.tenant.id, null))));
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r!.ownerId, (counts.get(r!.ownerId) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2]);
  });

  it("manual assigns nobody; by offer falls back to the round robin while offers have no default owner", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    const offer = await createTestOffer(owner.tenant.id);
    expect(await db().$transaction((tx) => assignOwnerForNewLead(tx, owner.tenant.id, offer.id))).toBeNull();
    await owner.caller.pipeline.updateAssignment({ mode: "BY_OFFER", roundRobinUserIds: [ann.userId] });
    expect(await db().$transaction((tx) => assignOwnerForNewLead(tx, owner.tenant.id, offer.id))).toEqual({ ownerId: ann.userId, rule: "round_robin" });
  });

  it("refuses a rotation with non-members or nobody", async () => {
    const owner = await signUp();
    const outsider = await signUp({ label: "outsider" });
    await expectAppError(owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [outsider.userId] }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [] }), { code: "BAD_REQUEST", reason: "emptyRotation" });
    expect(await owner.caller.pipeline.assignment()).toMatchObject({ mode: "MANUAL" });
  });

  it("assigns a lead by hand to a member, on its timeline; refuses outsiders and other tenants' leads", async () => {
    const owner = await signUp({ name: "Olivia Owner" });
    const member = await addMember(owner.caller, { label: "mia" });
    const other = await signUp({ label: "other" });
    const lead = await createTestLead(owner.tenant.id);
    const theirLead = await createTestLead(other.tenant.id);

    const assigned = await owner.caller.pipeline.assignOwner({ leadId: lead.id, ownerId: member.userId });
    expect(assigned.owner).toMatchObject({ userId: member.userId, email: member.email });
    await owner.caller.pipeline.assignOwner({ leadId: lead.id, ownerId: null });
    expect((await leadRow(lead.id)).ownerId).toBeNull();
    expect((await timelineOf(lead.id)).map((e) => [e.kind, (e.data as { toUserId: string | null }).toUserId])).toEqual([
      ["owner.changed", member.userId],
      ["owner.changed", null],
    ]);

    await expectAppError(owner.caller.pipeline.assignOwner({ leadId: lead.id, ownerId: other.userId }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.pipeline.assignOwner({ leadId: theirLead.id, ownerId: owner.userId }), { code: "NOT_FOUND", reason: "leadNotFound" });
    expect((await leadRow(theirLead.id)).ownerId).toBeNull();
    expect(await timelineOf(theirLead.id)).toEqual([]);
  });
});

describe("the board", () => {
  it("shows a column per stage with its leads; moving a lead records who moved it where", async () => {
    const owner = await signUp();
    const a = await createTestLead(owner.tenant.id, { firstName: "Board", lastName: "One" });
    await createTestLead(owner.tenant.id, { firstName: "Board", lastName: "Two" });
    await createTestLead(owner.tenant.id, { isTest: true, firstName: "MSFT_TEST" });
    const board = await owner.caller.pipeline.board();
    expect(board.columns.map((c) => [c.stage.name, c.total])).toEqual([
      ["New", 2],
      ["Contacted", 0],
      ["Qualified", 0],
      ["Nurturing", 0],
      ["Won", 0],
      ["Lost", 0],
      ["Disqualified", 0],
    ]);
    expect(board.columns[0]!.leads.map((l) => l.name).sort()).toEqual(["Board One", "Board Two"]);

    const qualified = board.columns[2]!.stage;
    const moved = await owner.caller.pipeline.moveLead({ leadId: a.id, stageId: qualified.id });
    expect(moved.stage).toMatchObject({ id: qualified.id, name: "Qualified" });
    const after = await owner.caller.pipeline.board();
    expect(after.columns.map((c) => c.total).slice(0, 3)).toEqual([1, 0, 1]);
    expect(await timelineOf(a.id)).toMatchObject([
      { kind: "stage.changed", actorId: owner.userId, data: { from: "New", to: "Qualified", fromStageId: board.columns[0]!.stage.id, toStageId: qualified.id } },
    ]);
    // Moving to where it is already records nothing.
    await owner.caller.pipeline.moveLead({ leadId: a.id, stageId: qualified.id });
    expect(await timelineOf(a.id)).toHaveLength(1);
  });

  it("filters by owner, and by text", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { label: "mia" });
    await createTestLead(owner.tenant.id, { ownerId: owner.userId, company: "Fabrikam", searchText: "fabrikam" });
    await createTestLead(owner.tenant.id, { ownerId: member.userId });
    await createTestLead(owner.tenant.id);
    const total = async (input: Parameters<typeof owner.caller.pipeline.board>[0]) =>
      (await owner.caller.pipeline.board(input)).columns.reduce((sum, c) => sum + c.total, 0);
    expect(await total({ owner: "me" })).toBe(1);
    expect(await total({ owner: member.userId })).toBe(1);
    expect(await total({ owner: "unassigned" })).toBe(1);
    expect(await total({ owner: "any", q: "FABRIKAM" })).toBe(1);
  });

  it("closing a lead ends its follow-ups; the nurture stage starts a cadence, refused for do-not-contact leads", async () => {
    const owner = await signUp();
    const stages = await owner.caller.pipeline.stages();
    const won = stages.find((s) => s.kind === "WON")!;
    const nurturing = stages.find((s) => s.isNurture)!;
    const lead = await createTestLead(owner.tenant.id, { nextFollowUpAt: new Date(Date.now() + 86_400_000) });
    await owner.caller.pipeline.moveLead({ leadId: lead.id, stageId: nurturing.id });
    const nurtured = await leadRow(lead.id);
    expect(nurtured).toMatchObject({ stageId: nurturing.id, nextFollowUpAt: null, nurtureCadenceDays: 30 });
    expect(nurtured.nurtureUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await owner.caller.pipeline.moveLead({ leadId: lead.id, stageId: won.id });
    expect(await leadRow(lead.id)).toMatchObject({ stageId: won.id, nurtureUntil: null, nurtureCadenceDays: null });

    const dnc = await createDncLead(owner.tenant.id);
    await expectAppError(owner.caller.pipeline.moveLead({ leadId: dnc.id, stageId: nurturing.id }), { code: "PRECONDITION_FAILED", reason: "doNotContact" });
    expect((await leadRow(dnc.id)).stageId).toBeNull();
    await expect(owner.caller.pipeline.moveLead({ leadId: dnc.id, stageId: stages.find((s) => s.kind === "DISQUALIFIED")!.id })).resolves.toBeTruthy();
  });

  it("another tenant's lead or stage is NOT_FOUND and nothing changes", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const mine = await createTestLead(owner.tenant.id);
    const theirs = await createTestLead(other.tenant.id);
    const myStages = await owner.caller.pipeline.stages();
    const theirStages = await other.caller.pipeline.stages();
    await expectAppError(owner.caller.pipeline.moveLead({ leadId: theirs.id, stageId: myStages[1]!.id }), { code: "NOT_FOUND", reason: "leadNotFound" });
    await expectAppError(owner.caller.pipeline.moveLead({ leadId: mine.id, stageId: theirStages[1]!.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
    expect((await leadRow(theirs.id)).stageId).toBeNull();
    expect((await leadRow(mine.id)).stageId).toBeNull();
    expect(await timelineOf(mine.id)).toEqual([]);
    expect((await other.caller.pipeline.board()).columns[0]!.total).toBe(1);
    expect((await owner.caller.pipeline.board()).columns[0]!.leads.map((l) => l.id)).toEqual([mine.id]);
  });
});
