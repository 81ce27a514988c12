/**
 * Tenant data for the tenant-isolation test (../tenant-isolation.integration.test.ts):
 * a tenant full of rows of every kind a procedure reads or changes, and a snapshot of
 * everything a tenant owns, read straight from the database, to prove an attack from
 * another tenant changed none of it.
 */
import { encryptJson, sha256Hex } from "@leadrelay/crypto";
import { AzureTableImportRepository, captureLead, ensureCaptureEndpoint, NotificationRepository } from "@leadrelay/db";
import { leadSchema, type LeadInput } from "@leadrelay/leads";
import { createTestDestination } from "@leadrelay/worker/testing";
import { db, uid, type Caller, type TestUser } from "./factories";

export interface SeededLead {
  id: string;
  touchpointId: string;
  email: string;
}

/** What `seedTenantData` stored; every string is unique to this tenant (random parts). */
export interface TenantData {
  offer: { id: string; publisherId: string; offerId: string; title: string };
  /** The offer's capture URL and the tenant-wide one (ensureCaptureEndpoint). */
  offerEndpoint: { id: string; token: string };
  tenantEndpoint: { id: string; token: string };
  rejection: { id: string; reason: string; bodyExcerpt: string };
  /** Captured through the offer's capture URL; owned (round robin) by the member, in `stage`, overdue, qualified on `criterion`. */
  lead: SeededLead & { firstName: string; lastName: string; company: string; rawBodyMarker: string; extraFieldMarker: string };
  /**
   * Captured through the API with idempotency key `sharedCaptureKey`. Its e-mail is a person
   * another tenant may legitimately know too (it is not a secret of this tenant), so attacks
   * can send the same person and the same key and show nothing merges across tenants.
   */
  sharedLead: SeededLead;
  sharedCaptureKey: string;
  /** All pipeline stages (defaults and `stage`) and checklist criteria (defaults and `criterion`). */
  stageIds: string[];
  stage: { id: string; name: string };
  criterionIds: string[];
  criterion: { id: string; label: string };
  activity: { id: string; outcome: string; notes: string };
  timelineEventIds: string[];
  /** ACTIVE, for the offer, with an encrypted signing secret and a secret header; has a FAILED delivery. */
  destination: { id: string; name: string; url: string; signingSecret: string; apiKey: string };
  /** PAUSED tenant-wide default, with an encrypted signing secret. */
  pausedDestination: { id: string; name: string; signingSecret: string };
  delivery: { id: string; idempotencyKey: string; lastError: string; attemptId: string; responseExcerpt: string };
  /** An Azure Table import for the offer, with its connection string encrypted and a sync job queued. */
  tableImport: { id: string; name: string; accountName: string; accountKey: string };
  /** Submitted by the owner, answered by staff, followed up by the owner (IN_REVIEW). */
  feedback: { id: string; message: string; staffReply: string; ownerReply: string };
  notifications: { id: string; title: string; body: string }[];
}

interface Seedable {
  tenantId: string;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
}

const lead = (input: LeadInput) => leadSchema.parse(input);

/**
 * Fills a tenant with one row (or more) of every kind: offer, capture URLs and a refused
 * request, leads with touchpoints (captureLead), pipeline stages and checklist, an
 * assignment rule, a qualification check, an activity and timeline events, destinations
 * with encrypted secrets and a failed delivery with its attempt, feedback with replies,
 * and notifications. Procedures are used where they exist, so the rows are real ones.
 */
export async function seedTenantData(t: Seedable, staff: Caller, label: string): Promise<TenantData> {
  const owner = t.owner.caller;
  const tag = `${label}${uid()}`;

  const offer = await owner.offers.create({ publisherId: `pub-${tag}`, offerId: `offer-${tag}`, title: `Offer ${tag}`, type: "SAAS" });
  const offerRef = { id: offer.id, publisherId: offer.publisherId, offerId: offer.offerId, title: offer.title };
  const offerEndpoint = (await ensureCaptureEndpoint(db(), t.tenantId, offer.id)).endpoint;
  const tenantEndpoint = (await ensureCaptureEndpoint(db(), t.tenantId, null)).endpoint;
  const rejection = await db().captureRejection.create({
    data: { tenantId: t.tenantId, captureEndpointId: offerEndpoint.id, httpStatus: 400, reason: `Refused ${tag}`, bodyExcerpt: `rejected body ${tag}` },
  });

  // Pipeline and checklist (defaults on first read), and round robin: new leads go to the member first.
  await owner.pipeline.stages();
  const stage = await owner.pipeline.createStage({ name: `Stage ${tag}`, description: `Milestone ${tag}` });
  const criterion = await owner.pipeline.createCriterion({ label: `Criterion ${tag}`, description: `Checks ${tag}` });
  await owner.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [t.member.userId, t.admin.userId] });

  const person = { firstName: `First${tag}`, lastName: `Last${tag}`, email: `lead-${tag}@${label}.example`, company: `Company ${tag}` };
  const rawBodyMarker = `raw-${tag}`;
  const extraFieldMarker = `extra-${tag}`;
  const now = new Date();
  const captured = await captureLead(db(), {
    tenantId: t.tenantId,
    channel: "HTTPS",
    captureEndpointId: offerEndpoint.id,
    offer: offerRef,
    lead: lead({ customer: { ...person, phone: "+44 20 7946 0000" }, source: "AzureMarketplace", action: "INS", receivedAt: now, extraFields: { Campaign: extraFieldMarker } }),
    rawBody: JSON.stringify({ marker: rawBodyMarker, email: person.email }),
    idempotencyKey: `https:${tag}`,
    receivedAt: now,
  });
  const sharedCaptureKey = `shared-key-${tag}`;
  const sharedEmail = `shared-${uid()}@example.test`;
  const shared = await captureLead(db(), {
    tenantId: t.tenantId,
    channel: "API",
    offer: null,
    // The key as leads.capture stores it, so another tenant sending the same key collides if keys were not per tenant.
    lead: lead({ customer: { email: sharedEmail }, receivedAt: now }),
    idempotencyKey: `api:${sha256Hex(sharedCaptureKey)}`,
    receivedAt: now,
  });

  // Follow-up work on the lead: a checked criterion, a call, a stage move; then its follow-up is overdue.
  await owner.followUps.setQualification({ leadId: captured.leadId, criterionId: criterion.id, checked: true });
  const logged = await owner.followUps.logActivity({ leadId: captured.leadId, type: "CALL", outcome: `Reached ${tag}`, notes: `Notes ${tag}` });
  await owner.pipeline.moveLead({ leadId: captured.leadId, stageId: stage.id });
  await db().lead.update({ where: { id: captured.leadId }, data: { nextFollowUpAt: new Date(Date.now() - 2 * 3_600_000) } });

  // Destinations come after the captures, so no delivery is queued (no job): the failed one below is the only one.
  const url = `https://crm-${tag}.example.com/hook`;
  const signingSecret = `whsec_${sha256Hex(`signing ${tag}`).slice(0, 40)}`;
  const apiKey = `api-key-${tag}`;
  const destination = await createTestDestination(db(), {
    tenantId: t.tenantId,
    offerId: offer.id,
    name: `CRM ${tag}`,
    config: { url },
    secrets: { signingSecret, headers: { "X-Api-Key": apiKey } },
  });
  const pausedSecret = `whsec_${sha256Hex(`paused ${tag}`).slice(0, 40)}`;
  const paused = await createTestDestination(db(), {
    tenantId: t.tenantId,
    name: `Paused ${tag}`,
    config: { url: `https://paused-${tag}.example.com/hook` },
    secrets: { signingSecret: pausedSecret },
  });
  await db().destination.update({ where: { id: paused.id }, data: { state: "PAUSED", pausedAt: now, consecutiveFailures: 5, lastFailureReason: `Down ${tag}` } });
  const delivery = await db().delivery.create({
    data: {
      tenantId: t.tenantId,
      leadId: captured.leadId,
      touchpointId: captured.touchpointId,
      destinationId: destination.id,
      status: "FAILED",
      attemptCount: 1,
      idempotencyKey: `dlv_${tag}`,
      lastError: `Receiver refused ${tag}`,
      attempts: {
        create: { tenantId: t.tenantId, durationMs: 120, outcome: "permanent_failure", httpStatus: 422, responseExcerpt: `receiver error ${tag}`, error: `Refused ${tag}` },
      },
    },
    include: { attempts: true },
  });

  // Stored as the API stores it (the API would resolve the account's host, which tests cannot).
  const tableAccount = `acct${sha256Hex(`account ${tag}`).slice(0, 12)}`;
  const tableKey = Buffer.from(sha256Hex(`key ${tag}`)).toString("base64");
  const tableImports = new AzureTableImportRepository(db());
  const tableImport = await tableImports.create({
    tenantId: t.tenantId,
    offerId: offer.id,
    name: `Table ${tag}`,
    tableName: "MarketplaceLeads",
    secretsCiphertext: encryptJson({ connectionString: `DefaultEndpointsProtocol=https;AccountName=${tableAccount};AccountKey=${tableKey};EndpointSuffix=core.windows.net` }),
    enabled: true,
    intervalMinutes: 15,
    nextSyncAt: now,
  });
  await tableImports.enqueueSync(tableImport.id, new Date(Date.now() + 3_600_000));

  const feedback = await owner.feedback.submit({
    category: "LEAD_QUALITY",
    message: `Feedback ${tag}: leads arrive without a company.`,
    satisfaction: 2,
    offerId: offer.id,
    leadIds: [captured.leadId],
  });
  const staffReply = `Staff answer ${tag}`;
  await staff.admin.feedback.reply({ feedbackId: feedback.id, message: staffReply });
  const ownerReply = `Owner follow-up ${tag}`;
  await owner.feedback.reply({ feedbackId: feedback.id, message: ownerReply });

  const notices = new NotificationRepository(db());
  const notifications: TenantData["notifications"] = [];
  for (const [userId, who] of [[t.owner.userId, "owner"], [null, "admins"], [t.member.userId, "member"]] as const) {
    const title = `Notice for ${who} ${tag}`;
    const body = `Body for ${who} ${tag}`;
    const created = await notices.create({ tenantId: t.tenantId, userId, kind: "followup.digest", title, body, link: "/follow-up" });
    notifications.push({ id: created.id, title, body });
  }

  const [stages, criteria, timeline] = await Promise.all([
    db().pipelineStage.findMany({ where: { tenantId: t.tenantId }, select: { id: true } }),
    db().qualificationCriterion.findMany({ where: { tenantId: t.tenantId }, select: { id: true } }),
    db().timelineEvent.findMany({ where: { tenantId: t.tenantId }, select: { id: true } }),
  ]);

  return {
    offer: offerRef,
    offerEndpoint: { id: offerEndpoint.id, token: offerEndpoint.token! },
    tenantEndpoint: { id: tenantEndpoint.id, token: tenantEndpoint.token! },
    rejection: { id: rejection.id, reason: rejection.reason, bodyExcerpt: rejection.bodyExcerpt! },
    lead: { id: captured.leadId, touchpointId: captured.touchpointId, ...person, rawBodyMarker, extraFieldMarker },
    sharedLead: { id: shared.leadId, touchpointId: shared.touchpointId, email: sharedEmail },
    sharedCaptureKey,
    stageIds: stages.map((s) => s.id),
    stage: { id: stage.id, name: stage.name },
    criterionIds: criteria.map((c) => c.id),
    criterion: { id: criterion.id, label: criterion.label },
    activity: { id: logged.activity.id, outcome: `Reached ${tag}`, notes: `Notes ${tag}` },
    timelineEventIds: timeline.map((e) => e.id),
    destination: { id: destination.id, name: destination.name, url, signingSecret, apiKey },
    pausedDestination: { id: paused.id, name: paused.name, signingSecret: pausedSecret },
    delivery: {
      id: delivery.id,
      idempotencyKey: delivery.idempotencyKey,
      lastError: delivery.lastError!,
      attemptId: delivery.attempts[0]!.id,
      responseExcerpt: delivery.attempts[0]!.responseExcerpt!,
    },
    feedback: { id: feedback.id, message: feedback.message, staffReply, ownerReply },
    tableImport: { id: tableImport.id, name: tableImport.name, accountName: tableAccount, accountKey: tableKey },
    notifications,
  };
}

let tenantTables: Promise<{ name: string; hasId: boolean }[]> | undefined;

/** Every table with a tenantId column, found in the schema (so tables added later are covered too). */
function tablesWithTenantId() {
  tenantTables ??= db()
    .$queryRaw<{ name: string; hasId: boolean }[]>`
      SELECT c.table_name AS "name",
             EXISTS (SELECT 1 FROM information_schema.columns i
                      WHERE i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id') AS "hasId"
        FROM information_schema.columns c
       WHERE c.table_schema = current_schema() AND c.column_name = 'tenantId'
       ORDER BY c.table_name`
    .then((rows) => {
      if (rows.length < 10) throw new Error(`Expected the tenant tables, found ${JSON.stringify(rows)}`);
      return rows;
    });
  return tenantTables;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Every row the tenant owns, in one query: each table with a tenantId column, the rows
 * hanging off them without one (qualification checks, feedback replies), the tenant row,
 * the given users, and the jobs queued for the tenant's deliveries and Azure Table imports.
 */
export async function tenantRows(tenantId: string, userIds: string[]): Promise<Record<string, unknown>> {
  const tables = await tablesWithTenantId();
  const parts = [
    ...tables.map(
      (t) =>
        `'${t.name}', (SELECT coalesce(json_agg(r ORDER BY ${t.hasId ? `r."id"` : "r::text"}), '[]'::json) FROM ${quote(t.name)} r WHERE r."tenantId" = $1)`,
    ),
    `'Tenant', (SELECT row_to_json(r) FROM "Tenant" r WHERE r."id" = $1)`,
    `'User', (SELECT coalesce(json_agg(r ORDER BY r."id"), '[]'::json) FROM "User" r WHERE r."id" = ANY($2::text[]))`,
    `'LeadQualification', (SELECT coalesce(json_agg(r ORDER BY r."leadId", r."criterionId"), '[]'::json)
                             FROM "LeadQualification" r JOIN "Lead" l ON l."id" = r."leadId" WHERE l."tenantId" = $1)`,
    `'FeedbackReply', (SELECT coalesce(json_agg(r ORDER BY r."id"), '[]'::json)
                         FROM "FeedbackReply" r JOIN "Feedback" f ON f."id" = r."feedbackId" WHERE f."tenantId" = $1)`,
    `'deliveryJobs', (SELECT coalesce(json_agg(j.key ORDER BY j.key), '[]'::json) FROM graphile_worker.jobs j
                        WHERE j.key IN (SELECT 'delivery:' || d."id" FROM "Delivery" d WHERE d."tenantId" = $1))`,
    `'tableImportJobs', (SELECT coalesce(json_agg(json_build_object('key', j.key, 'runAt', j.run_at) ORDER BY j.key), '[]'::json) FROM graphile_worker.jobs j
                           WHERE j.key IN (SELECT 'azure-table-import:' || i."id" FROM "AzureTableImport" i WHERE i."tenantId" = $1))`,
  ];
  const rows = await db().$queryRawUnsafe<{ rows: Record<string, unknown> }[]>(`SELECT json_build_object(${parts.join(", ")}) AS "rows"`, tenantId, userIds);
  return rows[0]!.rows;
}
