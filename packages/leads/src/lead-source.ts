import { canonicalActionCode, canonicalLeadSource, isKnownActionCode } from "./codes";
import { formatOfferId, parseOfferId, type OfferId } from "./offer";
import { normalizeText, withoutUndefined } from "./text";

/**
 * The `LeadSource` string in its real shapes:
 *  - `Source-Action|Offer`: `AzureMarketplace-INS|bitnami.openedxcypress`,
 *    `AppSource (SPZA)-PLT|contoso.contoso-crm-connector`;
 *  - the test lead: `MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>`,
 *    where the part after `|` is an offer name, not `publisher.offer`;
 *  - the bare source of the HTTPS and Azure Table formats: `AzureMarketplace` (the action then
 *    comes in `ActionCode`, the title in `OfferTitle`/`OfferDisplayName`);
 *  - free text such as `Test run through MS Flow`, kept whole as an (unknown) source.
 */
export interface LeadSourceParts {
  source?: string;
  action?: string;
  offer?: OfferId;
  offerTitle?: string;
}

export interface ParseLeadSourceOptions {
  /**
   * The separate `ActionCode` field, when the format has one. It lets an action that
   * itself contains `-` split correctly.
   */
  actionCode?: string;
}

const TEST_TOKEN_ONLY = /^MSFT_TEST_\d+$/u;

/**
 * Splits at the first `|`: codes never contain one, while offer names may
 * ("DocuSign | eSignature for Azure"). Source and action split at the last `-` before it:
 * `AppSource (SPZA)` has no hyphen and test tokens use underscores.
 */
export function parseLeadSource(
  text: string,
  options: ParseLeadSourceOptions = {},
): LeadSourceParts {
  const value = normalizeText(text);
  if (value === undefined) return {};

  const pipe = value.indexOf("|");
  if (pipe < 0) {
    return withoutUndefined(
      splitSourceAndAction(value, options.actionCode, "only-when-recognised"),
    );
  }

  const offerPart = normalizeText(value.slice(pipe + 1));
  const offer = offerPart === undefined ? undefined : parseOfferId(offerPart);
  return withoutUndefined({
    ...splitSourceAndAction(value.slice(0, pipe), options.actionCode, "always"),
    offer,
    offerTitle: offer ? undefined : offerPart,
  });
}

/**
 * Without a `|`, `X-Y` is read as source and action only when Y is a known action, the
 * `ActionCode` hint or a test token; otherwise the whole text is one source, because an
 * unknown source may itself contain a hyphen.
 */
function splitSourceAndAction(
  text: string,
  actionCode: string | undefined,
  mode: "always" | "only-when-recognised",
): { source?: string; action?: string } {
  const hint = normalizeText(actionCode);
  const hintSuffix = hint === undefined ? undefined : `-${hint}`.toLowerCase();
  const dash =
    hintSuffix !== undefined && text.toLowerCase().endsWith(hintSuffix)
      ? text.length - hintSuffix.length
      : text.lastIndexOf("-");

  if (dash < 0) return sourceAndAction(text, undefined);
  const [sourcePart, actionPart] = [text.slice(0, dash), text.slice(dash + 1)];
  if (mode === "only-when-recognised" && !isRecognisedAction(actionPart, hint)) {
    return sourceAndAction(text, undefined);
  }
  return sourceAndAction(sourcePart, actionPart);
}

function isRecognisedAction(text: string, hint: string | undefined): boolean {
  const action = text.trim();
  return (
    isKnownActionCode(canonicalActionCode(action)) ||
    TEST_TOKEN_ONLY.test(action) ||
    (hint !== undefined && action.toLowerCase() === hint.toLowerCase())
  );
}

function sourceAndAction(
  sourceText: string,
  actionText: string | undefined,
): { source?: string; action?: string } {
  const source = normalizeText(sourceText);
  const action = normalizeText(actionText);
  return {
    source: source === undefined ? undefined : canonicalLeadSource(source),
    action: action === undefined ? undefined : canonicalActionCode(action),
  };
}

/**
 * The inverse of `parseLeadSource`: `Source-Action|Offer` (offer id, else offer title),
 * or the bare source when there is neither action nor offer. Missing parts stay empty so
 * the separators keep every part in place (`-INS|contoso.app`).
 *
 * The format cannot carry a source or action that itself contains `|`, nor a bare source
 * ending in `-<action code>`; marketplace codes never do.
 */
export function formatLeadSource(parts: LeadSourceParts): string | undefined {
  const offerPart = parts.offer ? formatOfferId(parts.offer) : parts.offerTitle;
  if (parts.action === undefined && offerPart === undefined) return parts.source;
  return `${parts.source ?? ""}-${parts.action ?? ""}|${offerPart ?? ""}`;
}
