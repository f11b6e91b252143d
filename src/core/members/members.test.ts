import { describe, it, expect } from "vitest";
import { isPlenaryError, PlenaryError } from "../errors.js";
import {
  allMembers,
  dependsOnDate,
  findMember,
  foldName,
  getMember,
  isMemberOn,
  MEMBER_SOURCES,
  membersOn,
  nameOn,
  REGIONS,
  resolveMember,
  sourceCodeOn,
  suggestMembers,
  type Member,
} from "./index.js";

function member(id: string): Member {
  const m = getMember(id);
  if (!m) throw new Error(`no member ${id}`);
  return m;
}

function thrown(fn: () => unknown): PlenaryError {
  try {
    fn();
  } catch (error) {
    if (isPlenaryError(error)) return error;
    throw error;
  }
  throw new Error("expected a PlenaryError");
}

describe("member data", () => {
  it("has unique ids and alpha-2 codes, and every succession points both ways", () => {
    const members = allMembers();
    expect(new Set(members.map((m) => m.id)).size).toBe(members.length);
    const alpha2 = members.map((m) => m.alpha2).filter((a): a is string => a !== null);
    expect(new Set(alpha2).size).toBe(alpha2.length);
    for (const m of members) {
      for (const s of m.successors) expect(member(s).predecessors, `${m.id} → ${s}`).toContain(m.id);
      for (const p of m.predecessors) expect(member(p).successors, `${p} → ${m.id}`).toContain(m.id);
    }
  });

  it("has 193 members, the former members of the record and two observers", () => {
    const byStatus = (s: string) =>
      allMembers()
        .filter((m) => m.status === s)
        .map((m) => m.id)
        .sort();
    expect(byStatus("member")).toHaveLength(193);
    expect(byStatus("former")).toEqual(["CSK", "DDR", "TWN", "YMD", "YUG", "ZAN"]);
    expect(byStatus("observer")).toEqual(["PSE", "VAT"]);
  });

  it("puts every current member in one of the five regional groups, 54/54/23/33/29", () => {
    const counts = new Map<string, number>();
    for (const m of allMembers().filter((x) => x.status === "member")) {
      expect(REGIONS).toContain(m.region);
      counts.set(m.region as string, (counts.get(m.region as string) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      African: 54,
      "Asia-Pacific": 54,
      "Eastern European": 23,
      "Latin American and Caribbean": 33,
      "Western European and Others": 29,
    });
    expect(member("USA").regionNote).toMatch(/observer/);
    expect(member("ISR").regionNote).toBeDefined();
    expect(member("TUR").regionNote).toBeDefined();
  });

  it("cites its sources and is frozen", () => {
    expect(
      MEMBER_SOURCES.some((s) => s.url === "https://www.un.org/en/about-us/growth-in-un-membership"),
    ).toBe(true);
    expect(Object.isFrozen(member("USA"))).toBe(true);
    expect(Object.isFrozen(member("USA").names)).toBe(true);
  });
});

describe("resolveMember", () => {
  const cases: [string, string][] = [
    ["USA", "USA"],
    ["us", "USA"],
    ["United States of America", "USA"],
    ["United States", "USA"],
    ["UK", "GBR"],
    ["GB", "GBR"],
    ["Great Britain", "GBR"],
    ["United Kingdom of Great Britain and Northern Ireland", "GBR"],
    ["Russia", "RUS"],
    ["Russian Federation", "RUS"],
    ["USSR", "RUS"],
    ["U.S.S.R.", "RUS"],
    ["Soviet Union", "RUS"],
    ["Union of Soviet Socialist Republics", "RUS"],
    ["SU", "RUS"],
    ["SUN", "RUS"],
    ["North Korea", "PRK"],
    ["Democratic People's Republic of Korea", "PRK"],
    ["South Korea", "KOR"],
    ["Korea, Republic of", "KOR"],
    ["Türkiye", "TUR"],
    ["TÜRKIYE", "TUR"],
    ["Turkey", "TUR"],
    ["Turkiye", "TUR"],
    ["CÔTE D'IVOIRE", "CIV"],
    ["Côte d’Ivoire", "CIV"],
    ["Cote dIvoire", "CIV"],
    ["Ivory Coast", "CIV"],
    ["St. Kitts & Nevis", "KNA"],
    ["Saint Kitts and Nevis", "KNA"],
    ["St. Vincent & Grenadines", "VCT"],
    ["Bosnia & Herzegovina", "BIH"],
    ["São Tomé & Príncipe", "STP"],
    ["Antigua & Barbuda", "ATG"],
    ["Congo - Kinshasa", "COD"],
    ["Zaire", "COD"],
    ["DRC", "COD"],
    ["Congo - Brazzaville", "COG"],
    ["Congo", "COG"],
    ["Myanmar (Burma)", "MMR"],
    ["Burma", "MMR"],
    ["Micronesia (Federated States of)", "FSM"],
    ["Iran (Islamic Republic of)", "IRN"],
    ["Bolivia (Plurinational State of)", "BOL"],
    ["NA", "NAM"],
    ["Namibia", "NAM"],
    ["Swaziland", "SWZ"],
    ["Eswatini", "SWZ"],
    ["Dahomey", "BEN"],
    ["Upper Volta", "BFA"],
    ["Ceylon", "LKA"],
    ["Kampuchea", "KHM"],
    ["Democratic Kampuchea", "KHM"],
    ["Khmer Republic", "KHM"],
    ["Czechia", "CZE"],
    ["Czech Republic", "CZE"],
    ["Czechoslovakia", "CSK"],
    ["CS", "CSK"],
    ["German Democratic Republic", "DDR"],
    ["East Germany", "DDR"],
    ["DD", "DDR"],
    ["Federal Republic of Germany", "DEU"],
    ["West Germany", "DEU"],
    ["Yemen Arab Republic", "YEM"],
    ["Yemen People's Republic", "YMD"],
    ["Democratic Yemen", "YMD"],
    ["YD", "YMD"],
    ["Zanzibar", "ZAN"],
    ["Tanganyika", "TZA"],
    ["United Arab Republic", "EGY"],
    ["Taiwan", "TWN"],
    ["TW", "TWN"],
    ["The former Yugoslav Republic of Macedonia", "MKD"],
    ["Macedonia", "MKD"],
    ["Serbia and Montenegro", "SRB"],
    ["Holy See", "VAT"],
    ["State of Palestine", "PSE"],
    ["Palestine", "PSE"],
    ["the Gambia", "GMB"],
    ["Bahamas, The", "BHS"],
    ["  viet nam  ", "VNM"],
    ["Vietnam", "VNM"],
    ["Siam", "THA"],
    ["Western Samoa", "WSM"],
    ["Cape Verde", "CPV"],
    ["Cabo Verde", "CPV"],
    ["East Timor", "TLS"],
    ["ROM", "ROU"],
  ];
  it.each(cases)("%s → %s", (query, id) => {
    expect(resolveMember(query).id).toBe(id);
    expect(findMember(query)?.id).toBe(id);
  });

  it("resolves every member by its id, alpha-2, name and official name", () => {
    for (const m of allMembers()) {
      expect(resolveMember(m.id).id).toBe(m.id);
      expect(resolveMember(m.id.toLowerCase()).id).toBe(m.id);
      if (m.alpha2) expect(resolveMember(m.alpha2).id).toBe(m.id);
      expect(resolveMember(m.name).id, m.name).toBe(m.id);
      expect(resolveMember(m.officialName).id, m.officialName).toBe(m.id);
      expect(resolveMember(m.name.toUpperCase()).id).toBe(m.id);
    }
  });

  it("resolves YU by date: Yugoslavia until 1 November 2000, then the FRY/Serbia", () => {
    expect(resolveMember("YU").id).toBe("YUG");
    expect(resolveMember("YU", { date: "1946-01-01" }).id).toBe("YUG");
    expect(resolveMember("YU", { date: "1991-12-06" }).id).toBe("YUG");
    expect(resolveMember("YU", { date: "2000-10-31" }).id).toBe("YUG");
    expect(resolveMember("YU", { date: "2000-11-01" }).id).toBe("SRB");
    expect(resolveMember("YU", { date: "2019-12-27" }).id).toBe("SRB");
    expect(resolveMember("Yugoslavia").id).toBe("YUG");
    expect(resolveMember("Yugoslavia", { date: "1980-01-01" }).id).toBe("YUG");
    expect(resolveMember("Yugoslavia", { date: "2001-11-01" }).id).toBe("SRB");
    expect(resolveMember("Yugoslavia", { date: "2015-11-01" }).id).toBe("SRB");
    expect(resolveMember("Federal Republic of Yugoslavia").id).toBe("SRB");
    expect(resolveMember("YUG").id).toBe("YUG");
    expect(resolveMember("RS").id).toBe("SRB");
  });

  it("resolves other codes and names that changed hands by date", () => {
    expect(resolveMember("CS", { date: "1970-01-01" }).id).toBe("CSK");
    expect(resolveMember("CS", { date: "2004-01-01" }).id).toBe("SRB");
    expect(resolveMember("China").id).toBe("CHN");
    expect(resolveMember("China", { date: "1960-10-01" }).id).toBe("TWN");
    expect(resolveMember("China", { date: "1971-10-25" }).id).toBe("CHN");
    expect(resolveMember("China", { date: "1990-01-01" }).id).toBe("CHN");
    // Unambiguous names ignore the date.
    expect(resolveMember("Federal Republic of Germany", { date: "1990-12-06" }).id).toBe("DEU");
    expect(resolveMember("CN", { date: "1960-01-01" }).id).toBe("CHN");
  });

  it("resolves the code CHN by the date it was used: the Republic of China's seat before 25 October 1971", () => {
    // The UN Digital Library writes the China seat CHN throughout; until GA resolution 2758 (XXVI) the
    // seat was the Republic of China's.
    expect(resolveMember("CHN", { date: "1950-03-14" }).id).toBe("TWN");
    expect(resolveMember("chn", { date: "1971-10-24" }).id).toBe("TWN");
    expect(resolveMember("CHN", { date: "1971-10-25" }).id).toBe("CHN");
    expect(resolveMember("CHN", { date: "2025-02-24" }).id).toBe("CHN");
    // Without a date a code means what it means today; by id it is always the People's Republic.
    expect(resolveMember("CHN").id).toBe("CHN");
    expect(getMember("CHN")).toMatchObject({ id: "CHN", officialName: "People's Republic of China" });
    // The research data's own code for the Republic of China keeps working, at any date.
    expect(resolveMember("TW", { date: "1950-03-14" }).id).toBe("TWN");
    expect(resolveMember("TWN", { date: "1950-03-14" }).id).toBe("TWN");
    // A code that designates one member only ignores the date, as before.
    expect(resolveMember("FRA", { date: "1950-03-14" }).id).toBe("FRA");
  });

  it("says which codes and names change meaning over time", () => {
    for (const query of ["CHN", "China", "YU", "Yugoslavia", "CS"])
      expect(dependsOnDate(query), query).toBe(true);
    for (const query of ["CN", "TW", "TWN", "FRA", "France", "USSR", "Narnia"]) {
      expect(dependsOnDate(query), query).toBe(false);
    }
  });

  it("gives the code and name a source files a member under, where its convention differs", () => {
    expect(sourceCodeOn(member("RUS"), "undl", "1982-04-30")).toMatchObject({ code: "SUN", name: "USSR" });
    expect(sourceCodeOn(member("RUS"), "undl", "1991-12-24")).toBeNull();
    expect(sourceCodeOn(member("TWN"), "undl", "1950-03-14")).toMatchObject({ code: "CHN" });
    expect(sourceCodeOn(member("CHN"), "undl", "1982-04-30")).toBeNull();
    // Only the source's own codes: the ISO code SU of the USSR is not the Library's.
    expect(sourceCodeOn(member("RUS"), "unvotes", "1982-04-30")).toBeNull();
    expect(sourceCodeOn(member("FRA"), "undl", "1950-03-14")).toBeNull();
  });

  it("throws UNKNOWN_MEMBER with close suggestions", () => {
    const error = thrown(() => resolveMember("Germny"));
    expect(error.code).toBe("UNKNOWN_MEMBER");
    expect(error.suggestions).toContain("Germany");
    expect(error.help).toBeTruthy();
    expect(thrown(() => resolveMember("Korea")).suggestions).toEqual(
      expect.arrayContaining(["North Korea", "South Korea"]),
    );
    expect(thrown(() => resolveMember("Xanadu")).code).toBe("UNKNOWN_MEMBER");
    expect(thrown(() => resolveMember("")).code).toBe("UNKNOWN_MEMBER");
    expect(thrown(() => resolveMember("ZZ")).code).toBe("UNKNOWN_MEMBER");
    expect(findMember("Atlantis")).toBeNull();
  });

  it("rejects a malformed date with BAD_INPUT", () => {
    expect(thrown(() => resolveMember("YU", { date: "yesterday" })).code).toBe("BAD_INPUT");
    expect(thrown(() => membersOn("1/2/1990")).code).toBe("BAD_INPUT");
  });

  it("is fast on repeated input (a CSV import resolves 870k rows)", () => {
    const queries = ["US", "Canada", "YU", "Côte d’Ivoire", "Federal Republic of Germany", "NA"];
    const start = performance.now();
    for (let i = 0; i < 300_000; i++) {
      findMember(queries[i % queries.length] as string, { date: i % 2 ? "1980-01-01" : "2010-01-01" });
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("suggestMembers", () => {
  it("puts prefix matches first", () => {
    expect(suggestMembers("Ger")[0]?.id).toBe("DEU");
    expect(suggestMembers("swi")[0]?.id).toBe("CHE");
    expect(suggestMembers("united", 10).map((m) => m.id)).toEqual(
      expect.arrayContaining(["USA", "GBR", "ARE", "TZA"]),
    );
    expect(suggestMembers("Tur").map((m) => m.id)).toEqual(expect.arrayContaining(["TUR", "TKM"]));
  });

  it("finds misspellings and respects the limit", () => {
    expect(suggestMembers("Kazakstan")[0]?.id).toBe("KAZ");
    expect(suggestMembers("Phillipines")[0]?.id).toBe("PHL");
    expect(suggestMembers("a", 3)).toHaveLength(3);
    expect(suggestMembers("")).toEqual([]);
    expect(suggestMembers("qqqqqqqq")).toEqual([]);
  });
});

describe("membership over time", () => {
  const count = (date: string) => membersOn(date).length;

  it("counts the members the UN reports", () => {
    expect(count("1945-10-24")).toBe(51);
    expect(count("1945-10-23")).toBe(0);
    expect(count("1971-12-31")).toBe(132);
    expect(count("1992-12-31")).toBe(179);
    expect(count("2011-07-13")).toBe(192);
    expect(count("2011-07-14")).toBe(193);
    expect(count("2026-01-01")).toBe(193);
  });

  it("matches the UN's growth table at the end of each listed year", () => {
    const growth: Record<number, number> = {
      1946: 55,
      1947: 57,
      1948: 58,
      1949: 59,
      1950: 60,
      1955: 76,
      1956: 80,
      1957: 82,
      1958: 82,
      1960: 99,
      1961: 104,
      1962: 110,
      1963: 113,
      1964: 115,
      1965: 117,
      1966: 122,
      1967: 123,
      1968: 126,
      1970: 127,
      1973: 135,
      1974: 138,
      1975: 144,
      1976: 147,
      1977: 149,
      1978: 151,
      1979: 152,
      1980: 154,
      1981: 157,
      1983: 158,
      1984: 159,
      1990: 159,
      1991: 166,
      1993: 184,
      1994: 185,
      1999: 188,
      2000: 189,
      2002: 191,
      2006: 192,
    };
    for (const [year, expected] of Object.entries(growth))
      expect(count(`${year}-12-31`), year).toBe(expected);
  });

  it("never counts observers", () => {
    const ids = membersOn("2026-01-01").map((m) => m.id);
    expect(ids).not.toContain("VAT");
    expect(ids).not.toContain("PSE");
    expect(isMemberOn(member("PSE"), "2024-06-01")).toBe(false);
  });

  it("models successions and gaps", () => {
    expect(isMemberOn(member("TWN"), "1971-10-24")).toBe(true);
    expect(isMemberOn(member("TWN"), "1971-10-25")).toBe(false);
    expect(isMemberOn(member("CHN"), "1971-10-25")).toBe(true);
    expect(isMemberOn(member("IDN"), "1965-06-01")).toBe(false);
    expect(isMemberOn(member("IDN"), "1966-09-28")).toBe(true);
    expect(isMemberOn(member("SYR"), "1960-01-01")).toBe(false);
    expect(isMemberOn(member("SYR"), "1961-10-13")).toBe(true);
    expect(isMemberOn(member("EGY"), "1960-01-01")).toBe(true);
    expect(isMemberOn(member("CSK"), "1992-12-31")).toBe(true);
    expect(isMemberOn(member("CSK"), "1993-01-01")).toBe(false);
    expect(isMemberOn(member("CZE"), "1993-01-19")).toBe(true);
    expect(isMemberOn(member("DDR"), "1990-10-02")).toBe(true);
    expect(isMemberOn(member("DDR"), "1990-10-03")).toBe(false);
    expect(isMemberOn(member("YMD"), "1990-05-22")).toBe(false);
    expect(isMemberOn(member("YEM"), "1990-05-22")).toBe(true);
    expect(isMemberOn(member("ZAN"), "1964-01-01")).toBe(true);
    expect(isMemberOn(member("ZAN"), "1964-04-26")).toBe(false);
    expect(isMemberOn(member("SRB"), "2000-11-01")).toBe(true);
    expect(isMemberOn(member("YUG"), "2000-11-01")).toBe(false);
    expect(isMemberOn(member("CHE"), "2002-09-09")).toBe(false);
    expect(isMemberOn(member("RUS"), "1950-01-01")).toBe(true);
    expect(member("CSK").successors).toEqual(["CZE", "SVK"]);
    expect(member("DDR").successors).toEqual(["DEU"]);
  });
});

describe("nameOn", () => {
  it("gives the name used that day", () => {
    expect(nameOn(member("DEU"), "1980-01-01")).toBe("Federal Republic of Germany");
    expect(nameOn(member("DEU"), "1990-10-03")).toBe("Germany");
    expect(nameOn(member("RUS"), "1980-01-01")).toBe("Soviet Union");
    expect(nameOn(member("RUS"), "2000-01-01")).toBe("Russia");
    expect(nameOn(member("TUR"), "2020-01-01")).toBe("Turkey");
    expect(nameOn(member("TUR"), "2023-01-01")).toBe("Türkiye");
    expect(nameOn(member("SWZ"), "2000-01-01")).toBe("Swaziland");
    expect(nameOn(member("SWZ"), "2019-01-01")).toBe("Eswatini");
    expect(nameOn(member("MMR"), "1970-01-01")).toBe("Burma");
    expect(nameOn(member("COD"), "1980-01-01")).toBe("Zaire");
    expect(nameOn(member("COD"), "2000-01-01")).toBe("DR Congo");
    expect(nameOn(member("BEN"), "1970-01-01")).toBe("Dahomey");
    expect(nameOn(member("BFA"), "1980-01-01")).toBe("Upper Volta");
    expect(nameOn(member("LKA"), "1960-01-01")).toBe("Ceylon");
    expect(nameOn(member("KHM"), "1980-01-01")).toBe("Democratic Kampuchea");
    expect(nameOn(member("EGY"), "1960-01-01")).toBe("United Arab Republic");
    expect(nameOn(member("SRB"), "2001-01-01")).toBe("Yugoslavia");
    expect(nameOn(member("SRB"), "2004-01-01")).toBe("Serbia and Montenegro");
    expect(nameOn(member("SRB"), "2010-01-01")).toBe("Serbia");
    expect(nameOn(member("TWN"), "1960-01-01")).toBe("China");
    expect(nameOn(member("CZE"), "2000-01-01")).toBe("Czech Republic");
    expect(nameOn(member("FRA"), "1950-01-01")).toBe("France");
  });

  it("folds names as documented", () => {
    expect(foldName("  St. Kitts & Nevis ")).toBe("saint kitts and nevis");
    expect(foldName("CÔTE D’IVOIRE")).toBe(foldName("Côte d'Ivoire"));
    expect(foldName("The Gambia")).toBe("gambia");
  });
});
