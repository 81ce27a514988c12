/**
 * Fills the demo tenant the way a publisher would: offers, capture URLs and a destination
 * through the app's own procedures (a tRPC caller acting as the demo users), leads through
 * the capture pipeline exactly as the capture URL stores them, then follow-up work on them.
 */
import { createCaller, createTRPCContext } from "@leadrelay/api";
import {
  captureLead,
  FollowUpRepository,
  MembershipRepository,
  resolveCaptureOffer,
  TimelineRepository,
  UserRepository,
  type Db,
  type TenantDto,
  type UserDto,
} from "@leadrelay/db";
import { parseHttpsPayloadText } from "@leadrelay/leads";
import {
  DEMO_FEEDBACK,
  DEMO_OFFERS,
  DEMO_PUBLISHER_ID,
  DEMO_WEBHOOK,
  demoCaptures,
  type DemoCapture,
  type DemoOfferKey,
} from "./demo-data";

export interface DemoStepResult {
  kind: string;
  created: string[];
  existing: string[];
  notes: string[];
}

export interface DemoWorkspaceContext {
  db: Db;
  tenant: TenantDto;
  owner: UserDto;
  baseUrl: string;
}

type Caller = ReturnType<typeof createCaller>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const step = (kind: string): DemoStepResult => ({ kind, created: [], existing: [], notes: [] });

/**
 * A caller acting as a demo user in the demo tenant. The app takes the tenant from the
 * user's account, so the demo users' active tenant is the demo tenant.
 */
async function callerFor(context: DemoWorkspaceContext, userId: string): Promise<Caller> {
  const users = new UserRepository(context.db);
  const user = await users.findById(userId);
  if (user && user.activeTenantId !== context.tenant.id) await users.update(userId, { activeTenantId: context.tenant.id });
  return createCaller(
    createTRPCContext({
      session: { userId },
      db: context.db,
      baseUrl: context.baseUrl,
      headers: new Headers({ "x-forwarded-for": "127.0.0.1" }),
    }),
  );
}

const refOf = (offerId: string) => `${DEMO_PUBLISHER_ID}.${offerId}`;

/** Offers, one capture URL each, and a webhook for the offer with a test drive (it needs a destination). */
export async function seedDemoOffers(context: DemoWorkspaceContext): Promise<DemoStepResult> {
  const result = step("offers");
  const caller = await callerFor(context, context.owner.id);
  const existing = await caller.offers.list();
  for (const spec of DEMO_OFFERS) {
    const ref = refOf(spec.offerId);
    let offer = existing.find((o) => o.ref === ref);
    if (offer) {
      result.existing.push(ref);
    } else {
      offer = await caller.offers.create({
        publisherId: DEMO_PUBLISHER_ID,
        offerId: spec.offerId,
        title: spec.title,
        type: spec.type,
        listedAsContactMe: spec.listedAsContactMe,
        hasTestDrive: spec.hasTestDrive,
      });
      result.created.push(`${ref} (${spec.title})`);
    }
    const { endpoint, created } = await caller.captureEndpoints.create({ offerId: offer.id });
    if (created) result.created.push(`capture URL for ${ref}: ${endpoint.url ?? "(rotate it to see it)"}`);
  }

  const offers = await caller.offers.list();
  const webhookOffer = offers.find((o) => o.ref === refOf(offerSpec(DEMO_WEBHOOK.offer).offerId))!;
  const destinations = await caller.destinations.list({ offerId: webhookOffer.id });
  if (destinations.some((d) => d.name === DEMO_WEBHOOK.name)) {
    result.existing.push(`destination "${DEMO_WEBHOOK.name}"`);
  } else {
    await caller.destinations.create({
      kind: "WEBHOOK",
      name: DEMO_WEBHOOK.name,
      offerId: webhookOffer.id,
      config: { url: DEMO_WEBHOOK.url },
      secrets: {},
    });
    result.created.push(`destination "${DEMO_WEBHOOK.name}" → ${DEMO_WEBHOOK.url} (nothing answers there: its deliveries fail)`);
  }
  return result;
}

function offerSpec(key: DemoOfferKey) {
  return DEMO_OFFERS.find((o) => o.key === key)!;
}

export interface CapturedLead {
  leadId: string;
  capture: DemoCapture;
}

/**
 * Leads through the capture pipeline, as the offers' capture URLs receive them, with
 * owners by round robin between the owner and the member. Only into a tenant with no
 * leads yet: running the seed again adds none (`--reset` starts the demo over).
 */
export async function seedDemoLeads(context: DemoWorkspaceContext, now = new Date()): Promise<{ result: DemoStepResult; captured: CapturedLead[] }> {
  const result = step("leads");
  const { db, tenant } = context;
  const caller = await callerFor(context, context.owner.id);
  const page = await caller.leads.list({ limit: 1 });
  if (page.items.length > 0) {
    result.existing.push("the demo's leads (run with --reset to start the demo over)");
    return { result, captured: [] };
  }

  const members = await new MembershipRepository(db).list(tenant.id);
  await caller.pipeline.updateAssignment({
    mode: "ROUND_ROBIN",
    roundRobinUserIds: [context.owner.id, ...members.filter((m) => m.userId !== context.owner.id).map((m) => m.userId)],
  });

  const endpoints = await caller.captureEndpoints.list();
  const offers = await caller.offers.list();
  const endpointFor = (key: DemoOfferKey) => {
    const offer = offers.find((o) => o.ref === refOf(offerSpec(key).offerId))!;
    return endpoints.find((e) => e.offer?.id === offer.id)!;
  };

  const captured: CapturedLead[] = [];
  const created = new Set<string>();
  let merged = 0;
  for (const [index, capture] of demoCaptures(now).entries()) {
    const endpoint = endpointFor(capture.offer);
    const rawBody = JSON.stringify(capture.payload);
    const parsed = parseHttpsPayloadText(rawBody, { receivedAt: capture.receivedAt });
    if (!parsed.ok) throw new Error(`demo capture ${index} does not parse: ${parsed.errors.map((e) => e.message).join("; ")}`);
    const offer = await resolveCaptureOffer(db, tenant.id, parsed.lead, endpoint.offer?.id ?? null);
    const stored = await captureLead(db, {
      tenantId: tenant.id,
      channel: "HTTPS",
      captureEndpointId: endpoint.id,
      offer,
      lead: parsed.lead,
      rawBody,
      idempotencyKey: `https:${endpoint.id}:seed-demo:${index}`,
      receivedAt: capture.receivedAt,
    });
    if (stored.created) created.add(stored.leadId);
    else merged++;
    captured.push({ leadId: stored.leadId, capture });
  }
  const roles = (role: DemoCapture["role"]) => captured.filter((c) => c.capture.role === role).length;
  result.created.push(
    `${created.size} leads from ${captured.length} captures over the last 60 days (${merged} returning customers merged as touchpoints, ` +
      `${roles("privacy")} .edu lead without personal data, ${roles("test")} Microsoft test lead)`,
  );
  return { result, captured };
}

/**
 * Follow-up work on the captured leads, oldest first, by each lead's owner: first contact
 * within a day or so, more calls and e-mails every few days, then closing, qualifying or
 * nurturing. The newest leads are left untouched (new, waiting for first contact).
 */
export async function seedDemoFollowUps(context: DemoWorkspaceContext, captured: CapturedLead[], now = new Date()): Promise<DemoStepResult> {
  const result = step("follow-ups");
  if (captured.length === 0) {
    result.existing.push("follow-up work (kept as it is)");
    return result;
  }
  const ownerCaller = await callerFor(context, context.owner.id);
  const callers = new Map<string, Caller>();
  const callerOf = async (userId: string | null) => {
    const id = userId ?? context.owner.id;
    if (!callers.has(id)) callers.set(id, await callerFor(context, id));
    return callers.get(id)!;
  };
  const stages = await ownerCaller.pipeline.stages();
  const stageOf = (kind: string, name?: string) => stages.find((s) => s.kind === kind && (name === undefined || s.name === name))!;
  const openStages = stages.filter((s) => s.kind === "OPEN" && !s.isNurture);
  const qualifiedStage = openStages.at(-1)!;

  // One lead per person; the real, contactable ones are worked, oldest first.
  const seen = new Set<string>();
  const leads = [];
  for (const { leadId, capture } of captured) {
    if (seen.has(leadId) || capture.role !== "lead") continue;
    seen.add(leadId);
    const view = (await ownerCaller.followUps.lead({ leadId })).lead;
    if (view.doNotContact) continue;
    leads.push(view);
  }
  leads.sort((a, b) => a.firstReceivedAt.getTime() - b.firstReceivedAt.getTime());

  const counts = { activities: 0, won: 0, lost: 0, disqualified: 0, qualified: 0, nurture: 0, scheduled: 0, overdue: 0 };
  // The newest quarter is still waiting for first contact.
  const worked = leads.slice(0, Math.ceil(leads.length * 0.75));
  for (const [i, lead] of worked.entries()) {
    const caller = await callerOf(lead.ownerId);
    const ageDays = (now.getTime() - lead.firstReceivedAt.getTime()) / DAY_MS;
    const plan = planFor(i, ageDays);
    let at = new Date(lead.firstReceivedAt.getTime() + (2 + (i % 5) * 5) * HOUR_MS);
    for (let n = 0; n < plan.activities; n++) {
      if (at.getTime() > now.getTime() - HOUR_MS) break;
      const activity = ACTIVITY_SCRIPT[(i + n) % ACTIVITY_SCRIPT.length]!;
      await caller.followUps.logActivity({
        leadId: lead.id,
        type: n === 0 ? "CALL" : activity.type,
        outcome: n === 0 ? "Reached" : activity.outcome,
        notes: n === 0 ? `Intro call about ${lead.offerTitle ?? "the offer"}. ${activity.notes}` : activity.notes,
        occurredAt: at,
      });
      counts.activities++;
      at = new Date(at.getTime() + (2 + ((i + n) % 4)) * DAY_MS);
    }
    switch (plan.outcome) {
      case "won":
        await caller.pipeline.moveLead({ leadId: lead.id, stageId: stageOf("WON").id });
        counts.won++;
        break;
      case "lost":
        await caller.pipeline.moveLead({ leadId: lead.id, stageId: stageOf("LOST").id });
        counts.lost++;
        break;
      case "disqualified":
        await caller.pipeline.moveLead({ leadId: lead.id, stageId: stageOf("DISQUALIFIED").id });
        counts.disqualified++;
        break;
      case "qualified": {
        const criteria = await caller.pipeline.criteria({});
        for (const criterion of criteria.filter((c) => !c.archivedAt)) {
          await caller.followUps.setQualification({ leadId: lead.id, criterionId: criterion.id, checked: true });
        }
        await caller.pipeline.moveLead({ leadId: lead.id, stageId: qualifiedStage.id });
        await caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: new Date(now.getTime() + 2 * DAY_MS) });
        counts.qualified++;
        break;
      }
      case "nurture":
        await caller.followUps.startNurture({ leadId: lead.id, cadenceDays: counts.nurture === 0 ? 30 : 14 });
        counts.nurture++;
        break;
      case "overdue":
        await markOverdue(context, lead.id, lead.ownerId, new Date(now.getTime() - (1 + (i % 3)) * DAY_MS - 3 * HOUR_MS));
        counts.overdue++;
        break;
      case "scheduled":
        await caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: new Date(now.getTime() + (1 + (i % 6)) * DAY_MS + 2 * HOUR_MS) });
        counts.scheduled++;
        break;
    }
  }
  result.created.push(
    `${counts.activities} calls, e-mails, meetings and notes on ${worked.length} leads; ${leads.length - worked.length} newest leads not contacted yet`,
    `${counts.scheduled} follow-ups scheduled, ${counts.overdue} overdue; ${counts.qualified} qualified lead, ${counts.nurture} in nurture; ` +
      `${counts.won} won, ${counts.lost} lost, ${counts.disqualified} disqualified`,
  );
  return result;
}

type Outcome = "won" | "lost" | "disqualified" | "qualified" | "nurture" | "overdue" | "scheduled";

/** What happens to the i-th oldest worked lead: old leads are decided, younger ones in progress. */
function planFor(i: number, ageDays: number): { activities: number; outcome: Outcome } {
  const fixed: Record<number, { activities: number; outcome: Outcome }> = {
    0: { activities: 7, outcome: "won" },
    1: { activities: 5, outcome: "lost" },
    2: { activities: 2, outcome: "disqualified" },
    3: { activities: 6, outcome: "nurture" },
    4: { activities: 8, outcome: "won" },
    5: { activities: 6, outcome: "qualified" },
    7: { activities: 4, outcome: "nurture" },
    9: { activities: 3, outcome: "lost" },
  };
  if (fixed[i]) return fixed[i];
  if (i % 6 === 2) return { activities: ageDays > 20 ? 3 : 1, outcome: "overdue" };
  return { activities: Math.max(1, Math.min(5, Math.round(ageDays / 8))), outcome: "scheduled" };
}

const ACTIVITY_SCRIPT: readonly { type: "CALL" | "EMAIL" | "MEETING" | "NOTE"; outcome: string; notes: string }[] = [
  { type: "EMAIL", outcome: "Sent", notes: "Sent the product overview and pricing sheet." },
  { type: "CALL", outcome: "Left a voicemail", notes: "No answer; left a voicemail with a callback number." },
  { type: "MEETING", outcome: "Demo given", notes: "45-minute demo with the data team; they want to see the Power BI connector." },
  { type: "EMAIL", outcome: "Replied", notes: "They asked about data residency in the EU." },
  { type: "CALL", outcome: "Interested", notes: "Budget approved for next quarter; procurement will be in touch." },
  { type: "NOTE", outcome: "", notes: "Security questionnaire received; passed to the compliance team." },
];

/**
 * A follow-up that was scheduled and then missed: its time has passed. The app only lets
 * people schedule into the future, so the seed writes the passed time directly (with the
 * timeline entry the scheduling made).
 */
async function markOverdue(context: DemoWorkspaceContext, leadId: string, actorId: string | null, dueAt: Date): Promise<void> {
  const scheduledAt = new Date(dueAt.getTime() - 2 * DAY_MS);
  await context.db.$transaction(async (tx) => {
    await new FollowUpRepository(tx).updateLead(context.tenant.id, leadId, { nextFollowUpAt: dueAt });
    await new TimelineRepository(tx).record({
      tenantId: context.tenant.id,
      leadId,
      actorId,
      kind: "followup.scheduled",
      data: { from: null, to: dueAt.toISOString() },
      at: scheduledAt,
    });
  });
}

/** One piece of feedback from the owner about lead quality, naming a few Azure portal leads. */
export async function seedDemoFeedback(context: DemoWorkspaceContext, captured: CapturedLead[]): Promise<DemoStepResult> {
  const result = step("feedback");
  const caller = await callerFor(context, context.owner.id);
  if ((await caller.feedback.list()).length > 0) {
    result.existing.push("feedback");
    return result;
  }
  const leadIds = [...new Set(captured.filter((c) => c.capture.payload.ActionCode === "Create").map((c) => c.leadId))].slice(0, 3);
  const offers = await caller.offers.list();
  const offer = offers.find((o) => o.ref === refOf(offerSpec("azureApp").offerId));
  await caller.feedback.submit({ ...DEMO_FEEDBACK, offerId: offer?.id ?? null, leadIds });
  result.created.push(`feedback "${DEMO_FEEDBACK.category}" naming ${leadIds.length} leads`);
  return result;
}
