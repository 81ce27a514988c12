import { dayBounds } from "@leadrelay/leads";
import { describe, expect, it } from "vitest";
import { addMember, db, expectAppError, expectInvalidInput, signUp, tokenCaller, uid } from "../../test/factories";
import { issueApiToken } from "../apiTokens/apiTokens.handler";
import type { LIST_FLAGS } from "./lists.schema";
import { createDncLead, createTestLead, daysAgo, hoursFromNow, leadRow, timelineOf } from "./testing";

/** Later today in UTC (the tests' time zone), at least a minute from now, or null just before midnight. */
function laterTodayUtc(): Date | null {
  const now = Date.now();
  const midnight = new Date(now).setUTCHours(24, 0, 0, 0);
  const at = Math.min(now + 10 * 60_000, midnight - 60_000);
  return at > now + 60_000 ? new Date(at) : null;
}

describe("followUps.logActivity", () => {
  it("a call counts as a follow-up, sets first/last contact, schedules the next and moves the lead out of New — one transaction, on the timeline", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id, { firstReceivedAt: daysAgo(1) });
    const occurredAt = new Date(Date.now() - 3_600_000);
    const next = hoursFromNow(48);
    const { activity, lead: view } = await owner.caller.followUps.logActivity({ leadId: lead.id, type: "CALL", outcome: "Reached", notes: "Wants a demo", occurredAt, nextFollowUpAt: next });
    expect(activity).toMatchObject({ type: "CALL", outcome: "Reached", notes: "Wants a demo", occurredAt, actorId: owner.userId });
    expect(view).toMatchObject({ followUpCount: 1, range: "below", stage: { name: "Contacted" }, due: "upcoming", firstContactedAt: occurredAt, lastContactedAt: occurredAt, nextFollowUpAt: next });
    expect(await leadRow(lead.id)).toMatchObject({ followUpCount: 1, firstContactedAt: occurredAt, lastContactedAt: occurredAt, nextFollowUpAt: next });
    expect((await timelineOf(lead.id)).map((e) => [e.kind, e.actorId])).toEqual([
      ["activity.logged", owner.userId],
      ["followup.scheduled", owner.userId],
      ["stage.changed", owner.userId],
    ]);
    expect((await timelineOf(lead.id))[2]!.data).toMatchObject({ from: "New", to: "Contacted", reason: "firstContact" });
  });

  it("counts every contact toward the 5–12 range, completes the pending follow-up, and notes do not count", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    await owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: hoursFromNow(1) });
    await owner.caller.followUps.logActivity({ leadId: lead.id, type: "NOTE", notes: "Read their website" });
    expect(await leadRow(lead.id)).toMatchObject({ followUpCount: 0, firstContactedAt: null });
    expect((await leadRow(lead.id)).nextFollowUpAt).not.toBeNull();
    for (const type of ["CALL", "EMAIL", "MEETING", "CALL", "EMAIL"] as const) await owner.caller.followUps.logActivity({ leadId: lead.id, type });
    const { lead: view } = await owner.caller.followUps.lead({ leadId: lead.id });
    expect(view).toMatchObject({ followUpCount: 5, range: "within", nextFollowUpAt: null });
    expect((await owner.caller.followUps.lead({ leadId: lead.id })).activities.map((a) => a.type)).toHaveLength(6);
  });

  it("concurrent logs all count", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    await Promise.all(Array.from({ length: 5 }, () => owner.caller.followUps.logActivity({ leadId: lead.id, type: "EMAIL" })));
    expect((await leadRow(lead.id)).followUpCount).toBe(5);
  });

  it("do-not-contact leads refuse calls, e-mails, meetings, schedules and nurture with a clear reason; notes are fine", async () => {
    const owner = await signUp();
    const lead = await createDncLead(owner.tenant.id);
    for (const type of ["CALL", "EMAIL", "MEETING"] as const) {
      await expectAppError(owner.caller.followUps.logActivity({ leadId: lead.id, type }), {
        code: "PRECONDITION_FAILED",
        reason: "doNotContact",
        message: /do-not-contact .*DNC.*You can still add a note/,
      });
    }
    await expectAppError(owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: hoursFromNow(2) }), { code: "PRECONDITION_FAILED", reason: "doNotContact" });
    await expectAppError(owner.caller.followUps.logActivity({ leadId: lead.id, type: "NOTE", nextFollowUpAt: hoursFromNow(2) }), { code: "PRECONDITION_FAILED", reason: "doNotContact" });
    await expectAppError(owner.caller.followUps.startNurture({ leadId: lead.id, cadenceDays: 30 }), { code: "PRECONDITION_FAILED", reason: "doNotContact" });
    expect(await db().followUpActivity.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await timelineOf(lead.id)).toEqual([]);

    await owner.caller.followUps.logActivity({ leadId: lead.id, type: "NOTE", notes: "Cross-listing signal only" });
    expect(await leadRow(lead.id)).toMatchObject({ followUpCount: 0, nextFollowUpAt: null });
    const { lead: view } = await owner.caller.followUps.lead({ leadId: lead.id });
    expect(view).toMatchObject({ doNotContact: true, flags: ["do_not_contact"] });
  });

  it("refuses activities in the future and follow-ups in the past, too far ahead, or on closed leads", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    await expectAppError(owner.caller.followUps.logActivity({ leadId: lead.id, type: "CALL", occurredAt: hoursFromNow(1) }), { code: "BAD_REQUEST", reason: "occurredInFuture" });
    await expectAppError(owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: hoursFromNow(-1) }), { code: "BAD_REQUEST", reason: "nextFollowUpInPast" });
    await expectAppError(owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: hoursFromNow(24 * 800) }), { code: "BAD_REQUEST", reason: "nextFollowUpTooFar" });
    const lost = (await owner.caller.pipeline.stages()).find((s) => s.kind === "LOST")!;
    await owner.caller.pipeline.moveLead({ leadId: lead.id, stageId: lost.id });
    await expectAppError(owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: hoursFromNow(2) }), { code: "BAD_REQUEST", reason: "leadClosed", message: /"Lost"/ });
    expect(await expectInvalidInput(owner.caller.followUps.logActivity({ leadId: lead.id, type: "CALL", outcome: "x".repeat(201) }), "outcome")).toEqual(["Use at most 200 characters."]);
    await expectInvalidInput(owner.caller.followUps.logActivity({ leadId: lead.id, type: "SMS" as "CALL" }), "type");
    expect(await db().followUpActivity.count({ where: { leadId: lead.id } })).toBe(0);
  });
});

describe("followUps.schedule and nurture", () => {
  it("schedules and clears the next follow-up, each change on the timeline", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    const at = hoursFromNow(30);
    expect(await owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: at })).toMatchObject({ nextFollowUpAt: at, due: "upcoming" });
    await owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: at });
    await owner.caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: null });
    expect((await timelineOf(lead.id)).map((e) => e.data)).toEqual([
      { from: null, to: at.toISOString() },
      { from: at.toISOString(), to: null },
    ]);
  });

  it("nurture moves the lead to the nurture stage with a cadence; it is back on the list when due, and a touch pushes it a cadence ahead", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id, { ownerId: owner.userId });
    const view = await owner.caller.followUps.startNurture({ leadId: lead.id, cadenceDays: 14 });
    expect(view).toMatchObject({ stage: { name: "Nurturing", isNurture: true }, nurtureCadenceDays: 14, nurture: "nurturing" });
    expect((await timelineOf(lead.id)).map((e) => e.kind)).toEqual(["stage.changed", "nurture.started"]);
    expect((await owner.caller.followUps.due()).nurtureDue).toEqual([]);

    // Time passes: the nurture touch is due.
    await db().lead.update({ where: { id: lead.id }, data: { nurtureUntil: daysAgo(1) } });
    const due = await owner.caller.followUps.due();
    expect(due.nurtureDue.map((l) => [l.id, l.nurture, l.flags])).toEqual([[lead.id, "due", ["nurture_due"]]]);

    await owner.caller.followUps.logActivity({ leadId: lead.id, type: "EMAIL", outcome: "Sent the case study" });
    const after = await leadRow(lead.id);
    expect(after.nurtureUntil!.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect(after.stageId).toBe(view.stage.id);
    expect((await owner.caller.followUps.due()).nurtureDue).toEqual([]);
    await expectInvalidInput(owner.caller.followUps.startNurture({ leadId: lead.id, cadenceDays: 0 }), "cadenceDays");
  });
});

describe("followUps.setQualification", () => {
  it("a lead is qualified when its checklist is complete; the panel says what is missing; unchecking unqualifies", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    const panel = await owner.caller.followUps.lead({ leadId: lead.id });
    expect(panel.qualification).toMatchObject({ complete: false, checked: 0, total: 4 });
    expect(panel.qualification.missing.map((c) => c.label)).toEqual(["Budget", "Authority", "Need", "Timeline"]);
    const [budget, authority, need, timeline] = panel.qualification.criteria;

    for (const c of [budget!, authority!, need!]) await owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: c.id, checked: true });
    const partly = await owner.caller.followUps.lead({ leadId: lead.id });
    expect(partly.qualification.missing.map((c) => c.label)).toEqual(["Timeline"]);
    expect(partly.qualification.criteria[0]).toMatchObject({ checked: true, checkedBy: { userId: owner.userId } });
    expect(partly.lead.qualifiedAt).toBeNull();

    const done = await owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: timeline!.id, checked: true });
    expect(done.qualification).toMatchObject({ complete: true, missing: [] });
    expect(done.lead.qualifiedAt).toBeInstanceOf(Date);
    // Checking again changes nothing.
    await owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: timeline!.id, checked: true });
    await owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: need!.id, checked: false });
    expect((await leadRow(lead.id)).qualifiedAt).toBeNull();
    expect((await timelineOf(lead.id)).map((e) => e.kind)).toEqual([
      "qualification.checked",
      "qualification.checked",
      "qualification.checked",
      "qualification.checked",
      "lead.qualified",
      "qualification.unchecked",
      "lead.unqualified",
    ]);
  });

  it("refuses archived criteria and another tenant's criteria or leads", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const lead = await createTestLead(owner.tenant.id);
    const theirLead = await createTestLead(other.tenant.id);
    const [mine] = await owner.caller.pipeline.criteria();
    const [theirs] = await other.caller.pipeline.criteria();
    await owner.caller.pipeline.archiveCriterion({ criterionId: mine!.id });
    await expectAppError(owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: mine!.id, checked: true }), { code: "BAD_REQUEST", reason: "criterionArchived" });
    await expectAppError(owner.caller.followUps.setQualification({ leadId: lead.id, criterionId: theirs!.id, checked: true }), { code: "NOT_FOUND", reason: "criterionNotFound" });
    await expectAppError(owner.caller.followUps.setQualification({ leadId: theirLead.id, criterionId: mine!.id, checked: true }), { code: "NOT_FOUND", reason: "leadNotFound" });
    expect(await db().leadQualification.count({ where: { leadId: { in: [lead.id, theirLead.id] } } })).toBe(0);
  });
});

describe("followUps.due and followUps.list", () => {
  it("list today's and overdue follow-ups per owner, most urgent first; closed, test and DNC leads stay out", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { label: "mia" });
    const won = (await owner.caller.pipeline.stages()).find((s) => s.kind === "WON")!;
    const overdueOld = await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: daysAgo(2) });
    const overdueNew = await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: daysAgo(0.01) });
    const later = laterTodayUtc();
    const today = later ? await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: later }) : null;
    await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: hoursFromNow(48) });
    await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: daysAgo(1), stageId: won.id });
    await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: daysAgo(1), isTest: true });
    await createDncLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: daysAgo(1) });
    const membersLead = await createTestLead(owner.tenant.id, { ownerId: member.userId, nextFollowUpAt: daysAgo(1) });
    const unassigned = await createTestLead(owner.tenant.id, { nextFollowUpAt: daysAgo(3) });

    const mine = await owner.caller.followUps.due();
    expect(mine.overdue.map((l) => l.id)).toEqual([overdueOld.id, overdueNew.id]);
    expect(mine.overdue[0]!.flags).toContain("overdue");
    expect(mine.today.map((l) => l.id)).toEqual(today ? [today.id] : []);

    expect((await member.caller.followUps.due()).overdue.map((l) => l.id)).toEqual([membersLead.id]);
    expect((await owner.caller.followUps.due({ owner: "unassigned" })).overdue.map((l) => l.id)).toEqual([unassigned.id]);
    const team = await owner.caller.followUps.due({ owner: "any" });
    expect(team.overdue.map((l) => l.id)).toEqual([unassigned.id, overdueOld.id, membersLead.id, overdueNew.id]);
    const perOwner = Object.fromEntries(team.owners.map((o) => [o.owner?.userId ?? "unassigned", [o.overdue, o.today]]));
    expect(perOwner).toEqual({ [owner.userId]: [2, today ? 1 : 0], [member.userId]: [1, 0], unassigned: [1, 0] });
  });

  it("'today' follows the viewer's time zone", async () => {
    const owner = await signUp();
    // Due in the last minute of today in UTC: still today in UTC, already tomorrow's business
    // in a zone east of UTC whose day ends earlier.
    const now = new Date();
    const at = new Date(dayBounds(now, "UTC").end.getTime() - 60_000);
    const eastern = ["Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Tokyo"].find(
      (zone) => dayBounds(now, zone).end.getTime() <= at.getTime(),
    );
    await expectInvalidInput(owner.caller.followUps.due({ timeZone: "Mars/Olympus" }), "timeZone");
    if (at.getTime() < now.getTime() + 120_000 || !eastern) return; // the last minutes of a UTC day: nothing to tell apart
    const lead = await createTestLead(owner.tenant.id, { ownerId: owner.userId, nextFollowUpAt: at });
    expect((await owner.caller.followUps.due({ timeZone: "UTC" })).today.map((l) => l.id)).toEqual([lead.id]);
    expect((await owner.caller.followUps.due({ timeZone: eastern })).today).toEqual([]);
  });

  it("flags silent and never-contacted leads, and filters the list by them", async () => {
    const owner = await signUp();
    const silent = await createTestLead(owner.tenant.id, { firstReceivedAt: daysAgo(40), followUpCount: 2, firstContactedAt: daysAgo(30), lastContactedAt: daysAgo(20) });
    const uncontacted = await createTestLead(owner.tenant.id, { firstReceivedAt: daysAgo(3) });
    const fresh = await createTestLead(owner.tenant.id, { firstReceivedAt: daysAgo(0.1) });
    const working = await createTestLead(owner.tenant.id, { firstReceivedAt: daysAgo(10), followUpCount: 6, firstContactedAt: daysAgo(9), lastContactedAt: daysAgo(1), nextFollowUpAt: hoursFromNow(30) });

    const all = await owner.caller.followUps.list();
    const flags = Object.fromEntries(all.items.map((l) => [l.id, l.flags]));
    expect(flags).toEqual({
      [silent.id]: ["silent", "below_range"],
      [uncontacted.id]: ["uncontacted"],
      [fresh.id]: [],
      [working.id]: [],
    });
    const ids = async (flag: (typeof LIST_FLAGS)[number]) =>
      (await owner.caller.followUps.list({ flag })).items.map((l) => l.id);
    expect(await ids("silent")).toEqual([silent.id]);
    expect(await ids("uncontacted")).toEqual([uncontacted.id]);
    expect(await ids("withinRange")).toEqual([working.id]);
    expect(await ids("belowRange")).toEqual([silent.id]);
  });

  it("pages through the list with a cursor and refuses a cursor from elsewhere", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    for (let i = 0; i < 5; i++) await createTestLead(owner.tenant.id);
    const theirs = await createTestLead(other.tenant.id);
    const first = await owner.caller.followUps.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await owner.caller.followUps.list({ limit: 3, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((l) => l.id)).size).toBe(5);
    const forged = Buffer.from(JSON.stringify({ id: theirs.id })).toString("base64url");
    await expectAppError(owner.caller.followUps.list({ cursor: forged }), { code: "BAD_REQUEST", reason: "invalidCursor" });
    await expectAppError(owner.caller.followUps.list({ stageId: (await other.caller.pipeline.stages())[0]!.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
  });
});

describe("followUps.lead and followUps.timeline", () => {
  it("show the lead's state, owner, activities and a paged timeline with who did what", async () => {
    const owner = await signUp({ name: "Olivia Owner" });
    const lead = await createTestLead(owner.tenant.id, { ownerId: owner.userId });
    await owner.caller.followUps.logActivity({ leadId: lead.id, type: "MEETING", outcome: "Demo done" });
    const panel = await owner.caller.followUps.lead({ leadId: lead.id });
    expect(panel.lead.owner).toMatchObject({ userId: owner.userId, name: "Olivia Owner" });
    expect(panel.activities[0]).toMatchObject({ type: "MEETING", outcome: "Demo done", actor: { name: "Olivia Owner" } });

    const page1 = await owner.caller.followUps.timeline({ leadId: lead.id, limit: 1 });
    expect(page1.items[0]).toMatchObject({ actor: { name: "Olivia Owner" } });
    const page2 = await owner.caller.followUps.timeline({ leadId: lead.id, limit: 5, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((e) => e.kind).sort()).toEqual(["activity.logged", "stage.changed"]);
  });
});

describe("tenant isolation", () => {
  it("every follow-up procedure answers NOT_FOUND for another tenant's lead, and nothing changes", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const theirs = await createTestLead(other.tenant.id, { nextFollowUpAt: hoursFromNow(5) });
    const before = await leadRow(theirs.id);
    const [criterion] = await owner.caller.pipeline.criteria();
    const notFound = { code: "NOT_FOUND" as const, reason: "leadNotFound" };
    await expectAppError(owner.caller.followUps.lead({ leadId: theirs.id }), notFound);
    await expectAppError(owner.caller.followUps.timeline({ leadId: theirs.id }), notFound);
    await expectAppError(owner.caller.followUps.logActivity({ leadId: theirs.id, type: "NOTE", notes: "x" }), notFound);
    await expectAppError(owner.caller.followUps.schedule({ leadId: theirs.id, nextFollowUpAt: null }), notFound);
    await expectAppError(owner.caller.followUps.startNurture({ leadId: theirs.id, cadenceDays: 7 }), notFound);
    await expectAppError(owner.caller.followUps.setQualification({ leadId: theirs.id, criterionId: criterion!.id, checked: true }), notFound);
    expect(await leadRow(theirs.id)).toEqual(before);
    expect(await timelineOf(theirs.id)).toEqual([]);
    expect(await db().followUpActivity.count({ where: { leadId: theirs.id } })).toBe(0);
    expect((await owner.caller.followUps.due({ owner: "any" })).today).toEqual([]);
    expect((await owner.caller.followUps.list()).items).toEqual([]);
  });
});

describe("API tokens", () => {
  it("read with followups:read, log with followups:write, move with leads:write; nothing else", async () => {
    const owner = await signUp();
    const lead = await createTestLead(owner.tenant.id);
    const stages = await owner.caller.pipeline.stages();
    const issue = async (scopes: ("followups:read" | "followups:write" | "leads:write")[]) =>
      tokenCaller((await issueApiToken(db(), { name: `t-${uid()}`, scopes, tenantId: owner.tenant.id, createdById: owner.userId })).token);
    const reader = await issue(["followups:read"]);
    const writer = await issue(["followups:write"]);
    const mover = await issue(["leads:write"]);

    await expect(reader.followUps.due({ owner: "any" })).resolves.toBeTruthy();
    await expect(reader.pipeline.board()).resolves.toBeTruthy();
    await expectAppError(reader.followUps.logActivity({ leadId: lead.id, type: "CALL" }), { code: "FORBIDDEN", reason: "missingScope" });
    await expect(writer.followUps.logActivity({ leadId: lead.id, type: "CALL", occurredAt: new Date().toISOString() as unknown as Date })).resolves.toBeTruthy();
    await expectAppError(writer.pipeline.moveLead({ leadId: lead.id, stageId: stages[2]!.id }), { code: "FORBIDDEN", reason: "missingScope" });
    await expect(mover.pipeline.moveLead({ leadId: lead.id, stageId: stages[2]!.id })).resolves.toBeTruthy();
    await expectAppError(mover.pipeline.createStage({ name: "Via token" }), { code: "FORBIDDEN", reason: "notForTokens" });
    const events = await timelineOf(lead.id);
    expect(events.every((e) => e.actorId === owner.userId)).toBe(true);
  });
});
