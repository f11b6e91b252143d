import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { publicUrlSetting, readConfig, trustProxySetting } from "./config.js";
import { main } from "./cli/main.js";
import { captureIo, suiteStore } from "./test/tempStore.js";

describe("readConfig: the environment, read and checked in one place", () => {
  it("has the documented defaults when nothing is set", () => {
    expect(readConfig({})).toEqual({
      store: { db: undefined, databaseUrl: undefined },
      sync: { undlUrl: undefined, dgacmUrl: undefined },
      serve: { port: 3000, host: "127.0.0.1" },
      web: { trustProxy: undefined, publicUrl: null, production: false, rateLimit: undefined },
    });
  });

  it("reads every variable, and an empty one counts as unset", () => {
    const config = readConfig({
      PLENARY_DB: "/srv/plenary.db",
      PLENARY_DATABASE_URL: "postgres://plenary:secret@db.internal:5432/plenary",
      PLENARY_UNDL_URL: "http://mirror.example/undl/",
      PLENARY_DGACM_URL: "https://mirror.example/dgacm",
      PORT: "8080",
      HOST: "0.0.0.0",
      PLENARY_PUBLIC_URL: "https://plenary.example.org/",
      PLENARY_TRUST_PROXY: "10.0.0.1, 10.0.0.2",
      PLENARY_RATE_LIMIT: "100000",
      NODE_ENV: "production",
    });
    expect(config).toEqual({
      store: { db: "/srv/plenary.db", databaseUrl: "postgres://plenary:secret@db.internal:5432/plenary" },
      sync: { undlUrl: "http://mirror.example/undl", dgacmUrl: "https://mirror.example/dgacm" },
      serve: { port: 8080, host: "0.0.0.0" },
      web: {
        trustProxy: ["10.0.0.1", "10.0.0.2"],
        publicUrl: "https://plenary.example.org",
        production: true,
        rateLimit: 100000,
      },
    });
    const names = ["PLENARY_DB", "PLENARY_DATABASE_URL", "PLENARY_DGACM_URL", "HOST", "PLENARY_PUBLIC_URL"];
    const empty = Object.fromEntries(names.map((name) => [name, ""]));
    expect(readConfig({ ...empty, PORT: "", PLENARY_RATE_LIMIT: "", PLENARY_UNDL_URL: " " })).toEqual(
      readConfig({}),
    );
  });

  it("trusts proxies on loopback only, unless configured", () => {
    expect(trustProxySetting(undefined)).toBe("loopback");
    expect(trustProxySetting("10.0.0.1, 10.0.0.2")).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(trustProxySetting("false")).toBe(false);
    expect(readConfig({ PLENARY_TRUST_PROXY: "true" }).web.trustProxy).toBe(true);
  });

  it("refuses a bad value with an error naming the variable", () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: "eighty" }, "PORT"],
      [{ PORT: "70000" }, "PORT"],
      [{ PLENARY_RATE_LIMIT: "0" }, "PLENARY_RATE_LIMIT"],
      [{ PLENARY_RATE_LIMIT: "1e3" }, "PLENARY_RATE_LIMIT"],
      [{ PLENARY_PUBLIC_URL: "plenary.example.org" }, "PLENARY_PUBLIC_URL"],
      [{ PLENARY_DATABASE_URL: "mysql://root:hunter2@db/plenary" }, "PLENARY_DATABASE_URL"],
      [{ PLENARY_UNDL_URL: "ftp://mirror.example" }, "PLENARY_UNDL_URL"],
      [{ PLENARY_DGACM_URL: "not a url" }, "PLENARY_DGACM_URL"],
    ];
    for (const [env, field] of cases) {
      let caught: unknown;
      try {
        readConfig(env);
      } catch (error) {
        caught = error;
      }
      expect(caught, field).toMatchObject({ code: "BAD_INPUT", field });
      expect((caught as Error).message).toContain(field);
      expect((caught as { help?: string }).help).toContain(field);
    }
    // A database URL may hold a password: the error names the variable, never its value.
    expect(() => readConfig({ PLENARY_DATABASE_URL: "mysql://root:hunter2@db/plenary" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
    expect(publicUrlSetting("http://127.0.0.1:3000/plenary/")).toBe("http://127.0.0.1:3000/plenary");
  });
});

describe("the CLI reads the configuration at start", () => {
  const temp = suiteStore();
  afterEach(() => vi.unstubAllEnvs());

  it("opens the store PLENARY_DB names; --db wins over it", async () => {
    const fromEnv = captureIo();
    expect(await main(["vote", "ES-11/7", "--json"], fromEnv.io, readConfig({ PLENARY_DB: temp.file }))).toBe(
      0,
    );
    expect(JSON.parse(fromEnv.out).symbol).toBe("A/RES/ES-11/7");
    // The environment names a place no store can be made (under a file): only the flag can make this work.
    const flag = captureIo();
    const config = readConfig({ PLENARY_DB: path.join(temp.file, "none.db") });
    expect(await main(["--db", temp.file, "vote", "ES-11/7", "--json"], flag.io, config)).toBe(0);
    expect(JSON.parse(flag.out).symbol).toBe("A/RES/ES-11/7");
  });

  it("a bad setting stops every command before it starts (exit 1, the variable named)", async () => {
    vi.stubEnv("PLENARY_RATE_LIMIT", "lots");
    const capture = captureIo();
    expect(await main(["--db", temp.file, "vote", "ES-11/7"], capture.io)).toBe(1);
    expect(capture.out).toBe("");
    expect(capture.err).toContain("PLENARY_RATE_LIMIT is not a whole number");
  });
});
