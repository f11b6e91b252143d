/**
 * The catalog reads only the columns it uses (CATALOG_COLUMNS) of each roll call's row: on each store
 * kind, over the General Assembly's 79th session and the Council's resolutions of 2024 (the UN's
 * machine-readable records, with agendas, notes and subjects the catalog does not read), the stored
 * catalog is the one whole rows give.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importFiles } from "../../data/import/index.js";
import { loadMatrix } from "../../analysis/fromStore.js";
import { SHARED_DATA } from "../../test/suiteServer.js";
import { storeKinds, suiteStore } from "../../test/tempStore.js";
import { CATALOG_COLUMNS, catalogEntry, loadCatalogCached } from "./catalog.js";

describe.each(storeKinds())("the catalog's columns (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });

  it("reads the id and CATALOG_COLUMNS only, and derives the catalog whole rows give", async () => {
    await importFiles(temp.store, [
      path.join(SHARED_DATA, "unxml/ga/79.json.gz"),
      path.join(SHARED_DATA, "unxml/sc/2024.json.gz"),
    ]);
    const rows = await temp.store.rollCallRows({ columns: CATALOG_COLUMNS, order: "id" });
    expect(Object.keys(rows[0]!).sort()).toEqual(["id", ...CATALOG_COLUMNS].sort());

    const whole = await temp.store.rollCallRows({ order: "id" });
    // The columns left out hold something in this data: reading them is not free.
    expect(whole.some((r) => r.agenda || r.vote_notes || r.subjects)).toBe(true);
    const { matrix, dataVersion } = await loadMatrix(temp.store);
    const { catalog, source } = await loadCatalogCached(temp.store, matrix, dataVersion);
    expect(source).toBe("store");
    const issues = await temp.store.readConsistently((reads) => reads.issuesByRollCall());
    const sources = await temp.store.readConsistently((reads) => reads.sourcesByRollCall());
    expect(catalog.entries).toEqual(
      whole.map((row) =>
        catalogEntry(row, (issues.get(row.id) ?? []).sort(), matrix, sources.get(row.id) ?? []),
      ),
    );
    expect(catalog.entries.length).toBe(whole.length);
    const embargo = catalog.entries.find((e) => e.ref === "A/RES/79/7")!;
    expect(embargo).toMatchObject({ body: "GA", outcome: "adopted", session: "79" });
    // Stored for the next reader, read back the same.
    const again = await loadCatalogCached(temp.store, matrix, dataVersion);
    expect(again.source).toBe("snapshot");
    expect(again.catalog.entries).toEqual(catalog.entries);
  }, 120_000);
});
