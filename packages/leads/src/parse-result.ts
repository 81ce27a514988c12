import type { Lead } from "./lead";

/** Where in the input a problem is, as a JSON path (`$.UserDetails.Email`), and what it is. */
export interface ParseError {
  path: string;
  message: string;
}

export type ParseWarningCode =
  | "unknown_source"
  | "unknown_action"
  | "action_mismatch"
  | "offer_title_mismatch"
  | "duplicate_field"
  | "value_coerced"
  | "ignored_value"
  | "customer_info_invalid"
  | "created_time_invalid"
  | "unexpected_encoding";

/** Something the parser tolerated: the lead is stored, and the warning is shown beside it. */
export interface ParseWarning extends ParseError {
  code: ParseWarningCode;
}

export type ParseResult =
  { ok: true; lead: Lead; warnings: ParseWarning[] } | { ok: false; errors: ParseError[] };

/** Collects problems while a parser walks its input, then yields the result. */
export class ParseDiagnostics {
  readonly warnings: ParseWarning[] = [];
  readonly errors: ParseError[] = [];

  warn(code: ParseWarningCode, path: string, message: string): void {
    this.warnings.push({ code, path, message });
  }

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  result(lead: Lead): ParseResult {
    return this.failed
      ? { ok: false, errors: [...this.errors] }
      : { ok: true, lead, warnings: [...this.warnings] };
  }

  failure(): ParseResult {
    return { ok: false, errors: [...this.errors] };
  }
}

/** `$.a.b` for identifier-like keys, `$["odd key"]` otherwise, so every path is unambiguous. */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/u.test(key)
    ? `${parent}.${key}`
    : `${parent}[${JSON.stringify(key)}]`;
}
