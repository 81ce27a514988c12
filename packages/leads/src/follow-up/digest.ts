import { defaultsLocale } from "./defaults";

/**
 * The daily follow-up digest's words (in-app notice and e-mail), in the recipient's
 * language. Counts come from the database; this only phrases them.
 */
export interface DigestLead {
  name: string;
  status: "overdue" | "today" | "nurture";
  /** The follow-up or nurture time, as `YYYY-MM-DD HH:mm` in the digest's time zone. */
  dueAt: string;
}

export interface DigestInput {
  overdue: number;
  dueToday: number;
  nurtureDue: number;
  /** The first few leads, most urgent first. */
  leads: readonly DigestLead[];
  /** How many leads the list left out. */
  more: number;
  /** For unassigned leads (sent to the tenant's admins). */
  unassigned?: boolean;
  tenantName: string;
}

export interface DigestText {
  title: string;
  body: string;
}

function plural(
  locale: "en" | "ru",
  n: number,
  forms: { one: string; few: string; many: string; other: string },
): string {
  const rule = new Intl.PluralRules(locale).select(n);
  const form =
    rule === "one"
      ? forms.one
      : rule === "few"
        ? forms.few
        : rule === "many"
          ? forms.many
          : forms.other;
  return form.replace("#", String(n));
}

export function followUpDigestText(input: DigestInput, locale?: string | null): DigestText {
  const lang = defaultsLocale(locale);
  const parts: string[] = [];
  if (lang === "ru") {
    if (input.overdue)
      parts.push(
        plural("ru", input.overdue, {
          one: "# просрочен",
          few: "# просрочено",
          many: "# просрочено",
          other: "# просрочено",
        }),
      );
    if (input.dueToday)
      parts.push(
        plural("ru", input.dueToday, {
          one: "# на сегодня",
          few: "# на сегодня",
          many: "# на сегодня",
          other: "# на сегодня",
        }),
      );
    if (input.nurtureDue)
      parts.push(
        plural("ru", input.nurtureDue, {
          one: "# из прогрева",
          few: "# из прогрева",
          many: "# из прогрева",
          other: "# из прогрева",
        }),
      );
    const who = input.unassigned ? "Лиды без ответственного" : "Ваши лиды";
    const title = `${who} в ${input.tenantName}: ${parts.join(", ")}`;
    const status = { overdue: "просрочено", today: "сегодня", nurture: "прогрев" } as const;
    const lines = input.leads.map((l) => `• ${l.name} — ${status[l.status]}, ${l.dueAt}`);
    if (input.more > 0) lines.push(`…и ещё ${input.more}`);
    return { title, body: lines.join("\n") };
  }
  if (input.overdue) parts.push(`${input.overdue} overdue`);
  if (input.dueToday) parts.push(`${input.dueToday} due today`);
  if (input.nurtureDue) parts.push(`${input.nurtureDue} back from nurture`);
  const who = input.unassigned ? "Unassigned follow-ups" : "Your follow-ups";
  const title = `${who} in ${input.tenantName}: ${parts.join(", ")}`;
  const status = { overdue: "overdue since", today: "due", nurture: "nurture touch due" } as const;
  const lines = input.leads.map((l) => `• ${l.name} — ${status[l.status]} ${l.dueAt}`);
  if (input.more > 0) lines.push(`…and ${input.more} more`);
  return { title, body: lines.join("\n") };
}
