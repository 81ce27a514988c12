import type { StageKind } from "./types";

/**
 * A tenant's pipeline and checklist before anyone edits them: Microsoft's guidance (a
 * sales process with milestones; qualification prerequisites) made concrete. Created on
 * first use in the language of whoever uses it first, then the tenant's own data.
 */
export type DefaultsLocale = "en" | "ru";

export interface DefaultStage {
  key: string;
  name: string;
  /** The milestone that completes the stage. */
  description: string;
  kind: StageKind;
  isNurture: boolean;
}

export interface DefaultCriterion {
  key: string;
  label: string;
  description: string;
}

const STAGES: Record<DefaultsLocale, DefaultStage[]> = {
  en: [
    {
      key: "new",
      name: "New",
      description: "The lead arrived. Milestone: first contact within 24 hours.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "contacted",
      name: "Contacted",
      description: "We reached the customer. Milestone: a conversation about their need.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "qualified",
      name: "Qualified",
      description:
        "The checklist is complete (budget, authority, need, timeline). Milestone: a proposal.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "nurturing",
      name: "Nurturing",
      description: "Not ready to buy yet. Milestone: renewed interest; touch base on a cadence.",
      kind: "OPEN",
      isNurture: true,
    },
    { key: "won", name: "Won", description: "The customer bought.", kind: "WON", isNurture: false },
    {
      key: "lost",
      name: "Lost",
      description: "The customer chose otherwise or stopped answering.",
      kind: "LOST",
      isNurture: false,
    },
    {
      key: "disqualified",
      name: "Disqualified",
      description: "Not a fit: no need, no budget, a competitor or a test.",
      kind: "DISQUALIFIED",
      isNurture: false,
    },
  ],
  ru: [
    {
      key: "new",
      name: "Новый",
      description: "Лид поступил. Цель: первый контакт в течение 24 часов.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "contacted",
      name: "Контакт установлен",
      description: "Мы связались с клиентом. Цель: разговор о его потребности.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "qualified",
      name: "Квалифицирован",
      description: "Чек-лист заполнен (бюджет, полномочия, потребность, сроки). Цель: предложение.",
      kind: "OPEN",
      isNurture: false,
    },
    {
      key: "nurturing",
      name: "Прогрев",
      description:
        "Клиент пока не готов покупать. Цель: вернуть интерес; касания с заданной периодичностью.",
      kind: "OPEN",
      isNurture: true,
    },
    { key: "won", name: "Выигран", description: "Клиент купил.", kind: "WON", isNurture: false },
    {
      key: "lost",
      name: "Проигран",
      description: "Клиент выбрал другое или перестал отвечать.",
      kind: "LOST",
      isNurture: false,
    },
    {
      key: "disqualified",
      name: "Дисквалифицирован",
      description: "Не подходит: нет потребности или бюджета, конкурент или тест.",
      kind: "DISQUALIFIED",
      isNurture: false,
    },
  ],
};

const CRITERIA: Record<DefaultsLocale, DefaultCriterion[]> = {
  en: [
    {
      key: "budget",
      label: "Budget",
      description: "The customer has money set aside for this purchase.",
    },
    {
      key: "authority",
      label: "Authority",
      description: "We talk to the person who decides, or know who does.",
    },
    {
      key: "need",
      label: "Need",
      description: "The product solves a problem the customer has now.",
    },
    {
      key: "timeline",
      label: "Timeline",
      description: "The customer plans to buy within a known time.",
    },
  ],
  ru: [
    { key: "budget", label: "Бюджет", description: "У клиента выделены деньги на эту покупку." },
    {
      key: "authority",
      label: "Полномочия",
      description: "Мы говорим с тем, кто принимает решение, или знаем, кто это.",
    },
    {
      key: "need",
      label: "Потребность",
      description: "Продукт решает проблему, которая есть у клиента сейчас.",
    },
    { key: "timeline", label: "Сроки", description: "Клиент планирует покупку в понятные сроки." },
  ],
};

export function defaultsLocale(locale: string | null | undefined): DefaultsLocale {
  return locale?.toLowerCase().startsWith("ru") ? "ru" : "en";
}

export function defaultPipelineStages(locale?: string | null): DefaultStage[] {
  return STAGES[defaultsLocale(locale)].map((s) => ({ ...s }));
}

export function defaultQualificationCriteria(locale?: string | null): DefaultCriterion[] {
  return CRITERIA[defaultsLocale(locale)].map((c) => ({ ...c }));
}
