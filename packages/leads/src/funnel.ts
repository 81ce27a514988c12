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
