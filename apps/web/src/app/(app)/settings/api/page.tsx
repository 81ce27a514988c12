import { apiReference, type ProcedureReference } from "@leadrelay/api";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";

export const metadata: Metadata = { title: "API reference" };

function groupByRouter(procedures: ProcedureReference[]) {
  const groups = new Map<string, ProcedureReference[]>();
  for (const procedure of procedures) {
    const router = procedure.path.split(".")[0]!;
    groups.set(router, [...(groups.get(router) ?? []), procedure]);
  }
  return [...groups];
}

export default async function ApiReferencePage() {
  const t = await getTranslations("apiDocs");
  const reference = apiReference().filter((p) => p.access !== "platformAdmin");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <nav aria-label={t("title")} className="mb-6 flex flex-wrap gap-2">
        {groupByRouter(reference).map(([router]) => (
          <a key={router} href={`#${router}`} className="rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium hover:border-brand-500">
            {router}
          </a>
        ))}
      </nav>
      <div className="grid gap-8">
        {groupByRouter(reference).map(([router, procedures]) => (
          <section key={router} id={router} className="scroll-mt-20">
            <h2 className="mb-3 font-mono text-lg font-semibold">{router}</h2>
            <div className="grid gap-3">
              {procedures.map((p) => (
                <Card key={p.path} className="p-4" data-testid={`procedure-${p.path}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <code className="font-mono text-sm font-semibold">{p.path}</code>
                    <Badge variant={p.type === "query" ? "brand" : "warning"}>{t(p.type === "query" ? "query" : "mutation")}</Badge>
                    <span className="text-xs text-slate-500">
                      {t("access")}: {p.access === "unknown" ? "?" : t(p.access)}
                    </span>
                    <span className="text-xs text-slate-500">
                      · {t("scope")}: {p.scope ? <code className="font-mono">{p.scope}</code> : t("sessionOnly")}
                    </span>
                  </div>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-xs font-medium text-slate-600">{t("input")}</summary>
                    {p.input ? (
                      <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-950 p-3 text-xs text-slate-100">{JSON.stringify(p.input, null, 2)}</pre>
                    ) : (
                      <p className="mt-2 text-xs text-slate-500">{t("noInput")}</p>
                    )}
                  </details>
                </Card>
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
