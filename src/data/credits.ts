/**
 * Where the record comes from and on what terms (../shared/data/README.md, the upstream READMEs): the
 * credits the site shows in its footer and on /about/data, and docs/data.md repeats. Each source's
 * terms ask for this attribution; it lives here once.
 */

export interface SourceCredit {
  /** The source id the record's provenance uses. */
  source: string;
  /** The source's name, as a heading. */
  name: string;
  /** The source as the footer credits it, in a few words. */
  footer: string;
  /** The attribution its terms ask for, in full. */
  attribution: string;
  /** What Plenary holds from it. */
  covers: string;
  /** Its licence or terms of use. */
  terms: string;
  links: { label: string; href: string }[];
}

export const SOURCE_CREDITS: readonly SourceCredit[] = [
  {
    source: "unxml",
    name: "The UN's machine-readable resolutions (DGACM)",
    footer: "United Nations (DGACM), machine-readable General Assembly / Security Council resolutions",
    attribution:
      "Source: United Nations (DGACM), machine-readable General Assembly / Security Council resolutions.",
    covers:
      "General Assembly resolutions of sessions 74 to 80 and the tenth and eleventh emergency special sessions, October 2019 to June 2026, with each member's vote where adopted by recorded vote and the resolutions adopted without a vote; Security Council resolutions 2000 to 2026 with each member's vote; 19 Council drafts not adopted in 2023–2025, 13 of them vetoed. Published by the UN Department for General Assembly and Conference Management as UNxml/GAresolutions and UNxml/SCresolutions.",
    terms:
      "Unofficial copies for informational purposes only, prepared from the official electronic files, offered without warranty; whoever uses them must acknowledge the United Nations as the source of the information. No other licence is stated.",
    links: [
      { label: "UNxml/GAresolutions", href: "https://github.com/UNxml/GAresolutions" },
      { label: "UNxml/SCresolutions", href: "https://github.com/UNxml/SCresolutions" },
    ],
  },
  {
    source: "unvotes",
    name: "United Nations General Assembly Voting Data (Voeten, unvotes)",
    footer:
      "E. Voeten, UN General Assembly Voting Data (Harvard Dataverse), via the unvotes package (D. Robinson)",
    attribution:
      "Erik Voeten, “United Nations General Assembly Voting Data”, Harvard Dataverse, hdl:1902.1/12379; as packaged in the unvotes R package 0.3.0 by David Robinson (MIT licence).",
    covers:
      "Every recorded General Assembly vote from 1946 to 2019 (sessions 1 to 74): 6,203 roll calls with each member's vote, amendments and paragraph votes, six issue classes, and the US State Department's important-vote flag.",
    terms:
      "The unvotes package is under the MIT licence; the data is Erik Voeten's, published on the Harvard Dataverse, to be cited as above.",
    links: [
      { label: "Harvard Dataverse hdl:1902.1/12379", href: "https://hdl.handle.net/1902.1/12379" },
      { label: "unvotes (CRAN)", href: "https://cran.r-project.org/package=unvotes" },
    ],
  },
  {
    source: "unsc-vetoes",
    name: "The Security Council veto list (World Politics Data Lab)",
    footer:
      "the Security Council veto list of the World Politics Data Lab, from the UN Dag Hammarskjöld Library",
    attribution:
      "List of UN Security Council vetoes, 1946–2022, World Politics Data Lab (MIT licence), from the UN Dag Hammarskjöld Library's list of vetoes.",
    covers:
      "Every draft vetoed in the Security Council from February 1946 to July 2022 (214 drafts): date, meeting, agenda item and the vetoing permanent members.",
    terms:
      "MIT licence (World Politics Data Lab); the list it is built from is the UN Dag Hammarskjöld Library's.",
    links: [
      {
        label: "world-politics-datalab/vetoes-un-security-council",
        href: "https://github.com/world-politics-datalab/vetoes-un-security-council",
      },
      { label: "UN Dag Hammarskjöld Library: vetoes", href: "https://research.un.org/en/docs/sc/quick/veto" },
    ],
  },
  {
    source: "starter",
    name: "Plenary's starter dataset (24 February 2025)",
    footer: "UN Meetings Coverage and the UN Digital Library for the votes of 24 February 2025",
    attribution:
      "Plenary's starter dataset: the votes of 24 February 2025 on Ukraine, from UN Meetings Coverage GA/12675 and SC/16008, the meeting record S/PV.9866, the UN Digital Library's voting records and news reports of that day.",
    covers:
      "The General Assembly and Security Council votes of 24 February 2025 on Ukraine (A/RES/ES-11/7, A/RES/ES-11/8, S/RES/2774 and their amendments) and A/RES/ES-11/6 of 2023, as published that day.",
    terms: "Facts as published by the United Nations, each cited in the dataset.",
    links: [{ label: "UN Meetings Coverage", href: "https://press.un.org" }],
  },
];
