import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { idleSteps } from "./whenIdle.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("background steps that yield to requests", () => {
  it("runs the steps in order once the server is quiet", async () => {
    const app = Fastify();
    const ran: string[] = [];
    app.get("/", async () => "ok");
    idleSteps(app, [() => ran.push("a"), async () => void ran.push("b"), () => ran.push("c")], {
      quietMs: 20,
    });
    await app.ready();
    for (let i = 0; i < 50 && ran.length < 3; i++) await sleep(20);
    expect(ran).toEqual(["a", "b", "c"]);
    await app.close();
  });

  it("waits while requests keep coming, and not longer than maxWaitMs", async () => {
    const app = Fastify();
    let ranAt = 0;
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    app.get("/slow", async () => {
      await slow;
      return "done";
    });
    idleSteps(app, [() => (ranAt = Date.now())], { quietMs: 20, maxWaitMs: 300 });
    await app.ready();
    const started = Date.now();
    const inFlight = app.inject({ url: "/slow" });
    await sleep(150);
    expect(ranAt).toBe(0); // a request is in flight: the step waits
    await sleep(400);
    expect(ranAt).toBeGreaterThan(0); // …but not for ever
    expect(ranAt - started).toBeGreaterThanOrEqual(280);
    release();
    await inFlight;
    await app.close();
  });

  it("goes on after a step fails, and stops when the server closes", async () => {
    const app = Fastify();
    const ran: string[] = [];
    idleSteps(
      app,
      [
        () => {
          throw new Error("boom");
        },
        () => ran.push("after"),
      ],
      { quietMs: 10 },
    );
    await app.ready();
    for (let i = 0; i < 50 && !ran.length; i++) await sleep(10);
    expect(ran).toEqual(["after"]);
    await app.close();

    const closed = Fastify();
    const never: string[] = [];
    idleSteps(closed, [() => never.push("x")], { quietMs: 50 });
    await closed.ready();
    await closed.close();
    await sleep(120);
    expect(never).toEqual([]);
  });
});
