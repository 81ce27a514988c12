import {
  KNOWN_ACTION_CODES,
  canonicalActionCode,
  isKnownActionCode,
  type FunnelStage,
} from "./codes";

export type { FunnelStage } from "./codes";

export const FUNNEL_STAGES = [
  "initial",
  "active",
  "trial",
  "do_not_contact",
] as const satisfies readonly FunnelStage[];

export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  initial: "Initial interest (Contact me)",
  active: "Active (Get it now / Create)",
  trial: "Trial (test drive / free trial)",
  do_not_contact: "Do not contact",
};

export interface FunnelClassification {
  stage: FunnelStage;
  /** Set when the stage is the default rather than read from a known action code. */
  flag?: "unknown_action" | "missing_action";
}

/**
 * Unknown or missing actions default to `initial`: the customer did reach the marketplace,
 * so the lead is followed up, but nothing claims they deployed or trialled the product, and
 * only an explicit `DNC` ever suppresses outreach.
 */
export const DEFAULT_FUNNEL_STAGE: FunnelStage = "initial";

export function classifyFunnelStage(action: string | undefined): FunnelClassification {
  if (action === undefined) return { stage: DEFAULT_FUNNEL_STAGE, flag: "missing_action" };
  const code = canonicalActionCode(action.trim());
  if (isKnownActionCode(code)) return { stage: KNOWN_ACTION_CODES[code].stage };
  return { stage: DEFAULT_FUNNEL_STAGE, flag: "unknown_action" };
}

/**
 * How far along a lead is. A lead merged from several captures keeps its most advanced
 * stage: deploying the product (active) says more than a trial, a trial more than Contact
 * me. Do-not-contact ranks lowest: it is Microsoft's signal about a cross-listing, and the
 * same person's own Contact me or install afterwards is an explicit request that overrides it.
 */
export const FUNNEL_STAGE_RANK: Record<FunnelStage, number> = { do_not_contact: 0, initial: 1, trial: 2, active: 3 };

/** True when a capture at stage `incoming` moves a lead at stage `current` further along (either spelling: `trial` or `TRIAL`). */
export function advancesFunnelStage(current: FunnelStage | Uppercase<FunnelStage>, incoming: FunnelStage | Uppercase<FunnelStage>): boolean {
  return FUNNEL_STAGE_RANK[incoming.toLowerCase() as FunnelStage] > FUNNEL_STAGE_RANK[current.toLowerCase() as FunnelStage];
}
