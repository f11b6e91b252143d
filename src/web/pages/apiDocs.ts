/**
 * /api/docs: the API described from its own OpenAPI document (no Swagger UI: it needs inline scripts the
 * CSP forbids). Each endpoint with its parameters and a curl example; downloads and caching explained.
 */
import { html } from "../html.js";
import { layout } from "./layout.js";
import { PAGE_SCRIPTS, tableHead } from "./components.js";
import type { PageContext } from "../context.js";
import type { OpenApiDocument, OpenApiOperation } from "../routes/api.js";

const EXAMPLES: Record<string, string> = {
  "GET /api/votes": "/api/votes?body=SC&limit=5",
  "GET /api/votes/{*}": "/api/votes/A/RES/ES-11/7",
  "GET /api/highlights": "/api/highlights",
  "GET /api/members": "/api/members?q=turk",
  "GET /api/members/{code}": "/api/members/FRA?from=2010&to=2019&with=DEU,GBR",
  "GET /api/compare/{a}/{b}": "/api/compare/US/RU",
  "GET /api/blocs": "/api/blocs",
  "GET /api/blocs/{id}": "/api/blocs/EU",
  "GET /api/council": "/api/council",
  "GET /api/search": "/api/search?q=nuclear&member=USA&vote=N",
  "GET /api/openapi.json": "/api/openapi.json",
};

function curl(method: string, path: string, op: OpenApiOperation): string {
  if (method === "post") {
    return `curl -s -X POST http://127.0.0.1:3000${path} -H 'content-type: application/json' -d '{"body":"SC","date":"2025-02-24","votes":{"USA":"Y","RUS":"N"}}'`;
  }
  const example = EXAMPLES[`GET ${path}`] ?? path;
  void op;
  return `curl -s 'http://127.0.0.1:3000${example}'`;
}

function typeOf(schema: Record<string, unknown> | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).filter((v) => v !== null).join(" | ");
  const type = schema.type;
  if (type === "array") return `list of ${typeOf(schema.items as Record<string, unknown>)}`;
  return Array.isArray(type) ? type.join(" | ") : String(type ?? "");
}

export function apiDocsPage(doc: OpenApiDocument, context?: PageContext): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const body = html`<article class="api-docs">
    <h1>Data &amp; API</h1>
    <p>${doc.info.description ?? ""}</p>
    <ul>
      <li>
        Where the record comes from, and the terms of each source: <a href="/about/data">/about/data</a>.
      </li>
      <li>
        The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI
        ${"3.0"}).
      </li>
      <li>
        Every vote as CSV or JSON: add <code>.csv</code> or <code>.json</code> to its page, e.g.
        <a href="/votes/A/RES/ES-11/7.csv">/votes/A/RES/ES-11/7.csv</a>.
      </li>
      <li>
        Caching: answers carry an <code>ETag</code> that changes only when the record is re-imported; send it
        back in <code>If-None-Match</code> to get <code>304 Not Modified</code>. Read-only endpoints allow any
        origin (CORS).
      </li>
      <li>
        Errors: <code>{"error": "UNKNOWN_MEMBER", "message": …, "help": …, "suggestions": […]}</code> with
        status 400 or 404.
      </li>
    </ul>
    <h2>Endpoints</h2>
    !${operations.map(
      ({ path, method, op }) =>
        html`<section class="endpoint" id="${`${method}-${path}`.replace(/[^a-z0-9]+/gi, "-")}">
          <h3><code>${method.toUpperCase()} ${path}</code></h3>
          <p><strong>${op.summary ?? ""}</strong>!${op.description ? html` — ${op.description}` : ""}</p>
          !${
            op.parameters?.length
              ? html`<div class="table-wrap">
                  <table class="data">
                    !${tableHead(["Parameter", "In", "Type", "Description"])}
                    <tbody>
                      !${op.parameters.map(
                        (p) =>
                          html`<tr>
                            <td><code>${p.name}</code>${p.required ? " (required)" : ""}</td>
                            <td>${p.in}</td>
                            <td>${typeOf(p.schema)}</td>
                            <td>${p.description ?? String(p.schema?.description ?? "")}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : ""
          }
          <pre tabindex="0"><code>${curl(method, path, op)}</code></pre>
        </section>`,
    )}
  </article>`;
  return layout(
    {
      title: "Data & API",
      path: "/api/docs",
      body,
      description: "Plenary's JSON API: every page's data.",
      head: PAGE_SCRIPTS,
    },
    context,
  );
}
