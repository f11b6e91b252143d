import { describe, expect, it } from "vitest";
import { storeFingerprint } from "./fingerprint.js";
import { storeKinds, suiteStore } from "./tempStore.js";
import { storeDb } from "./storeDb.js";

describe.each(storeKinds())("the store fingerprint (%s)", (kind) => {
  const temp = suiteStore({ kind });

  it("changes with one vote and comes back when the vote does", async () => {
    const before = await storeFingerprint(temp.store);
    expect(before.rows.votes).toBeGreaterThan(0);
    expect(await storeFingerprint(temp.store)).toEqual(before);
    const vote = await storeDb(temp.store).selectFrom("votes").selectAll().limit(1).executeTakeFirstOrThrow();
    const other = vote.vote === "Y" ? "N" : "Y";
    const change = (to: string) =>
      storeDb(temp.store)
        .updateTable("votes")
        .set({ vote: to })
        .where("roll_call_id", "=", vote.roll_call_id)
        .where("member_id", "=", vote.member_id)
        .execute();
    await change(other);
    expect((await storeFingerprint(temp.store)).hash).not.toBe(before.hash);
    await change(vote.vote);
    expect(await storeFingerprint(temp.store)).toEqual(before);
  });
});
