/**
 * JSON Schemas of the API's routes: one source for validation of parameters and for the OpenAPI
 * document (/api/openapi.json). Response schemas document the shapes; bodies are serialised with
 * JSON.stringify (and cached), so a field missing here is never dropped from an answer.
 */
import { MAX_VOTES } from "../../core/rules/parse.js";

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, "null"], ...extra });

export const errorSchema = {
  $id: "Error",
  type: "object",
  description:
    "A typed error: `error` is a stable code (UNKNOWN_MEMBER, UNKNOWN_ROLL_CALL, AMBIGUOUS_ROLL_CALL, BAD_INPUT, NOT_FOUND …).",
  required: ["error", "message"],
  properties: {
    error: { type: "string", examples: ["UNKNOWN_ROLL_CALL"] },
    message: { type: "string" },
    help: { type: "string" },
    field: { type: "string" },
    suggestions: { type: "array", items: { type: "string" } },
  },
  additionalProperties: true,
} as const;

export const memberRefSchema = {
  $id: "MemberRef",
  type: "object",
  required: ["id", "name"],
  properties: {
    id: { type: "string", description: "ISO 3166-1 alpha-3 id", examples: ["USA"] },
    name: { type: "string", examples: ["United States"] },
  },
} as const;

export const tallySchema = {
  $id: "Tally",
  type: "object",
  description: "Counts of votes; null when not known (never guessed).",
  properties: {
    yes: nullable("integer"),
    no: nullable("integer"),
    abstain: nullable("integer"),
    nonVoting: nullable("integer"),
  },
} as const;

export const rollCallSummarySchema = {
  $id: "RollCallSummary",
  type: "object",
  description: "A roll call as listed: tally, outcome, and the measures the site ranks by.",
  required: ["id", "ref", "body", "date", "kind", "title"],
  properties: {
    id: { type: "integer" },
    ref: { type: "string", description: "What follows /votes/ in a URL: the symbol, or rc-ID." },
    symbol: nullable("string"),
    draftSymbol: nullable("string"),
    body: { type: "string", enum: ["GA", "SC"] },
    session: nullable("string"),
    date: { type: "string", format: "date" },
    datePrecision: {
      type: "string",
      enum: ["day", "month"],
      description: "`month`: the source gives the month of the vote, not the day.",
    },
    kind: { type: "string", enum: ["resolution", "draft", "amendment", "paragraph", "motion"] },
    title: { type: "string" },
    description: nullable("string"),
    tally: { $ref: "Tally#" },
    outcome: nullable("string", { enum: ["adopted", "rejected", "vetoed", null] }),
    outcomeSource: nullable("string"),
    undecided: { $ref: "Undecided#" },
    required: nullable("integer", { description: "Yes votes the rules required." }),
    margin: nullable("integer", { description: "yes − required: closeness to the threshold." }),
    divisiveness: nullable("number", { description: "(no + abstain) ÷ votes cast." }),
    issues: { type: "array", items: { type: "string" } },
    vetoedBy: { type: "array", items: { type: "string" } },
  },
  additionalProperties: true,
} as const;

export const undecidedSchema = {
  $id: "Undecided",
  type: ["object", "null"],
  description:
    "Why the rules could not decide the roll call (null when they did): the same reason on every surface.",
  properties: {
    code: {
      type: "string",
      enum: [
        "without-vote",
        "no-tally",
        "voter-not-yet-member",
        "voter-not-on-council",
        "inconsistent-record",
      ],
    },
    reason: { type: "string" },
  },
} as const;

export const paginationSchema = {
  $id: "Pagination",
  type: "object",
  properties: {
    total: { type: "integer" },
    limit: { type: "integer" },
    offset: { type: "integer" },
  },
  additionalProperties: true,
} as const;

export const SHARED_SCHEMAS = [
  errorSchema,
  memberRefSchema,
  tallySchema,
  undecidedSchema,
  rollCallSummarySchema,
  paginationSchema,
];

const errors = {
  400: { description: "Bad input", $ref: "Error#" },
  404: { description: "Not found", $ref: "Error#" },
};

const object = (description: string, properties: Record<string, unknown> = {}) => ({
  description,
  type: "object",
  properties,
  additionalProperties: true,
});

const year = { type: "integer", minimum: 1900, maximum: 2200 };
const bodyParam = { type: "string", enum: ["GA", "SC"], description: "General Assembly or Security Council" };
const codeParam = (description: string) => ({
  type: "string",
  description: `${description}: any ISO code (USA, US) or name (Russia, Türkiye)`,
  examples: ["USA"],
});

export const listVotesSchema = {
  summary: "List roll calls",
  description: "Roll calls newest first, with filters: the data of the /votes page.",
  tags: ["votes"],
  querystring: {
    type: "object",
    properties: {
      body: bodyParam,
      session: { type: "string", examples: ["ES-11"] },
      year: { type: "integer", minimum: 1900, maximum: 2999, examples: [2019] },
      subject: {
        type: "string",
        description:
          "An issue class of the research record (`hr` or `Human rights`; also `me`, `nu`, `di`, `co`, `ec`) or a subject the UN indexed the text under (UNBIS, letter case aside)",
        examples: ["Human rights", "SANCTIONS"],
      },
      from: { type: "string", format: "date" },
      to: { type: "string", format: "date" },
      kind: { type: "string", enum: ["resolution", "draft", "amendment", "paragraph", "motion"] },
      outcome: { type: "string", enum: ["adopted", "rejected", "vetoed", "unknown"] },
      limit: { type: "integer", minimum: 1, maximum: 1000, default: 50 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
  },
  response: {
    200: object("Roll calls and pagination", {
      votes: { type: "array", items: { $ref: "RollCallSummary#" } },
      meta: { type: "object", properties: { pagination: { $ref: "Pagination#" } } },
    }),
    ...errors,
  },
};

export const voteSchema = {
  summary: "One roll call (or its what-if)",
  description:
    "The roll call a symbol designates, in any usual form (`A/RES/ES-11/7`, `ES-11/7`, `S/RES/2774`, `rc-12`); slashes plain or URL-encoded. `…/whatif?set=RUS%3DN` re-decides it with changed votes. `?format=csv` gives members' votes as CSV.",
  tags: ["votes"],
  params: {
    type: "object",
    properties: {
      "*": {
        type: "string",
        description: "The symbol, optionally followed by /whatif",
        examples: ["A/RES/ES-11/7"],
      },
    },
  },
  querystring: {
    type: "object",
    properties: {
      set: { type: "array", items: { type: "string" }, description: "With /whatif: MEMBER=VOTE changes" },
      format: { type: "string", enum: ["json", "csv"], default: "json" },
    },
  },
  response: {
    200: object(
      "The roll call view: tally, outcome, the rules' decision, what-if, members' votes, related roll calls",
      {
        symbol: nullable("string"),
        body: { type: "string" },
        date: { type: "string", format: "date" },
        datePrecision: { type: "string", enum: ["day", "month"] },
        dateNote: nullable("string"),
        documentSymbol: nullable("string", {
          description: "The UN document the vote was on, when the source gives one.",
        }),
        symbolNote: nullable("string"),
        tally: { $ref: "Tally#" },
        outcome: nullable("string"),
        undecided: { $ref: "Undecided#" },
        votes: {
          type: "array",
          items: {
            type: "object",
            properties: {
              member: { type: "string" },
              name: { type: "string" },
              vote: { type: "string", enum: ["Y", "N", "A", "X"] },
            },
          },
        },
      },
    ),
    300: {
      description: "A resolution number that may mean several roll calls: `suggestions` lists them",
      $ref: "Error#",
    },
    ...errors,
  },
};

export const highlightsSchema = {
  summary: "Latest, closest and most divisive votes",
  description: "The home page's data.",
  tags: ["votes"],
  response: {
    200: object("Latest roll calls and the recent closest and most divisive votes", {
      total: { type: "integer" },
      window: {
        ...object("The dates and number of votes the closest and most divisive lists rank", {
          from: { type: "string", format: "date" },
          to: { type: "string", format: "date" },
          rollCalls: { type: "integer" },
        }),
        type: ["object", "null"],
      },
      latestWindow: {
        ...object("The dates the latest roll calls span", {
          from: { type: "string", format: "date" },
          to: { type: "string", format: "date" },
        }),
        type: ["object", "null"],
      },
      latest: { type: "array", items: { $ref: "RollCallSummary#" } },
      closest: { type: "array", items: { $ref: "RollCallSummary#" } },
      divisive: { type: "array", items: { $ref: "RollCallSummary#" } },
    }),
  },
};

export const coverageSchema = {
  summary: "What the record covers, and its gaps",
  description:
    "Per body and year: roll calls known, voted and adopted without a vote, complete and incomplete, by source, and what the year's widest source lists; then the gaps by name (years known only in part, missing resolution numbers, silent months, roll calls known only in part, time since the last update). Same as `plenary coverage --json`.",
  tags: ["votes"],
  querystring: {
    type: "object",
    properties: { body: bodyParam },
  },
  response: {
    200: object("The record's coverage", {
      bodies: {
        type: "array",
        items: object("A body's span", {
          body: { type: "string" },
          first: { type: "string", format: "date" },
          last: { type: "string", format: "date" },
          rollCalls: { type: "integer" },
          complete: { type: "integer" },
        }),
      },
      years: {
        type: "array",
        items: object("One body's year", {
          body: { type: "string" },
          year: { type: "integer" },
          rollCalls: { type: "integer" },
          voted: { type: "integer" },
          withoutVote: { type: "integer" },
          complete: { type: "integer" },
          incomplete: { type: "integer" },
          disputed: { type: "integer" },
          bySource: { type: "object", additionalProperties: { type: "integer" } },
          scope: { type: "string" },
        }),
      },
      gaps: {
        type: "array",
        items: object("A gap, by name", {
          body: { type: "string" },
          kind: {
            type: "string",
            enum: ["no-roll-calls", "scope", "missing-numbers", "silent-period", "partial", "since"],
          },
          from: nullable("string"),
          to: nullable("string"),
          label: { type: "string" },
          detail: { type: "string" },
          refs: { type: "array", items: { type: "string" } },
        }),
      },
    }),
  },
};

export const membersSchema = {
  summary: "Members, or suggestions for a name",
  description: "With `q`: the members whose codes or names best match (autocomplete). Without: every member.",
  tags: ["members"],
  querystring: {
    type: "object",
    properties: {
      q: { type: "string", maxLength: 100 },
      limit: { type: "integer", minimum: 1, maximum: 300, default: 8 },
      status: { type: "string", enum: ["member", "former", "observer", "all"], default: "all" },
    },
  },
  response: {
    200: object("Members", {
      members: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            alpha2: nullable("string"),
            status: { type: "string" },
            region: nullable("string"),
          },
        },
      },
      meta: { type: "object", properties: { pagination: { $ref: "Pagination#" } } },
    }),
    ...errors,
  },
};

export const memberSchema = {
  summary: "A member's record",
  description:
    "Names, membership, votes cast, closest and most opposed partners over a period, agreement with chosen members by year, ideal points by session, the latest votes, Council seats.",
  tags: ["members"],
  params: { type: "object", required: ["code"], properties: { code: codeParam("The member") } },
  querystring: {
    type: "object",
    properties: {
      body: bodyParam,
      from: year,
      to: year,
      with: { type: "string", description: "Members to compare with, comma-separated codes or names" },
    },
  },
  response: { 200: object("The member page's data"), ...errors },
};

export const compareSchema = {
  summary: "Two members compared",
  description: "Agreement, coincidence and kappa by year, and one year's splits and joint votes.",
  tags: ["members"],
  params: {
    type: "object",
    required: ["a", "b"],
    properties: { a: codeParam("First member"), b: codeParam("Second member") },
  },
  querystring: {
    type: "object",
    properties: { body: { type: "string", enum: ["GA", "SC", "all"], default: "GA" }, year },
  },
  response: {
    200: object("Comparison", {
      a: { $ref: "MemberRef#" },
      b: { $ref: "MemberRef#" },
      years: { type: "array", items: { type: "object", additionalProperties: true } },
    }),
    ...errors,
  },
};

export const blocsSchema = {
  summary: "Blocs",
  tags: ["blocs"],
  response: {
    200: object("Known blocs", {
      blocs: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" }, members: { type: "integer" } },
        },
      },
    }),
  },
};

export const blocSchema = {
  summary: "A bloc's cohesion and defectors",
  tags: ["blocs"],
  params: { type: "object", required: ["id"], properties: { id: { type: "string", examples: ["EU"] } } },
  querystring: { type: "object", properties: { body: bodyParam, from: year, to: year } },
  response: { 200: object("Cohesion by year, defectors, members"), ...errors },
};

export const councilSchema = {
  summary: "The Security Council",
  description: "Composition by year 1946–2026, vetoes by seat and decade, failed drafts (paged).",
  tags: ["council"],
  querystring: { type: "object", properties: { page: { type: "integer", minimum: 1, default: 1 } } },
  response: { 200: object("Composition, vetoes, failed drafts"), ...errors },
};

export const searchSchema = {
  summary: "Search roll calls",
  description:
    "Full text over symbols, titles, agendas and subjects, with filters; `facets` count the results each filter value would give.",
  tags: ["votes"],
  querystring: {
    type: "object",
    properties: {
      q: { type: "string", maxLength: 200 },
      body: bodyParam,
      session: { type: "string" },
      from: { type: "string", description: "ISO date or year" },
      to: { type: "string", description: "ISO date or year" },
      outcome: { type: "string", enum: ["adopted", "rejected", "vetoed", "unknown"] },
      kind: { type: "string", enum: ["resolution", "draft", "amendment", "paragraph", "motion"] },
      issue: { type: "string", enum: ["me", "nu", "di", "hr", "co", "ec"] },
      member: { type: "string", description: "A member (any code or name)" },
      vote: { type: "string", enum: ["Y", "N", "A"], description: "With member: how it voted" },
      sort: { type: "string", enum: ["relevance", "newest", "oldest", "closest", "divisive"] },
      page: { type: "integer", minimum: 1, default: 1 },
      perPage: { type: "integer", minimum: 1, maximum: 200, default: 50 },
    },
  },
  response: {
    200: object("Results, facets and pagination", {
      results: { type: "array", items: { $ref: "RollCallSummary#" } },
      facets: { type: "object", additionalProperties: true },
      meta: { type: "object", properties: { pagination: { $ref: "Pagination#" } } },
    }),
    ...errors,
  },
};

/** The outcome endpoint's body limit: 400 votes by the longest names fit several times over. */
export const OUTCOME_BODY_LIMIT = 65_536;

export const outcomeSchema = {
  summary: "Decide a hypothetical vote",
  description:
    "The same input as `plenary outcome`: body, date, procedural, importantQuestion and votes by member.",
  tags: ["rules"],
  body: {
    type: "object",
    description:
      "Checked by the procedure engine, which names the problem (unknown member, a member twice …).",
    properties: {
      body: { type: "string", enum: ["GA", "SC"] },
      date: { type: "string", format: "date" },
      procedural: { type: "boolean" },
      importantQuestion: { type: ["boolean", "null"] },
      votes: {
        description: `Member (any code or name) → vote (Y, N, A, X or words); or a list of [member, vote] pairs. At most ${MAX_VOTES} (there are 193 members).`,
        examples: [{ USA: "Y", RUS: "N", FRA: "A" }],
      },
    },
    additionalProperties: true,
  },
  response: {
    200: object("The decision", {
      outcome: { type: "string", enum: ["adopted", "rejected", "vetoed"] },
      reason: { type: "string" },
      majority: { type: "string" },
      explanation: { type: "array", items: { type: "string" } },
    }),
    ...errors,
  },
};

export const openapiSchema = {
  summary: "This API's OpenAPI 3 document",
  tags: ["meta"],
  response: { 200: object("OpenAPI 3.0 document") },
};
