/** What an API token may do. Procedures declare the scope they need in their meta. */
export const API_SCOPES = {
  "offers:read": "List and read offers and capture URLs",
  "offers:write": "Create and update offers, rotate capture URLs",
  "destinations:read": "List destinations and their health",
  "destinations:manage": "Create, change and test destinations; replay deliveries",
  "leads:read": "List, read and export leads",
  "leads:write": "Capture leads, update stage and owner",
  "followups:read": "List follow-ups",
  "followups:write": "Log and schedule follow-ups",
  "feedback:read": "Read feedback and replies",
  "feedback:write": "Send feedback",
} as const;

export type ApiScope = keyof typeof API_SCOPES;
export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScope[];

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(API_SCOPES, value);
}

export const API_TOKEN_PREFIX = "lr_";
