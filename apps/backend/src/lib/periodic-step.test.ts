import { describe, expect, it } from "vitest";
import { startPeriodicStep } from "./periodic-step";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startPeriodicStep", () => {
  it("runs again at once while the step finds work, then waits the interval", async () => {
    const runs: number[] = [];
    let work = 3;
    const worker = startPeriodicStep("test step", 1000, async () => {
      runs.push(Date.now());
      return { busy: work-- > 0 };
    });
    await expect.poll(() => runs.length, { timeout: 5000 }).toBe(4);
    await sleep(300);
    await worker.stop();
    // One run after the first interval and three more at once while it found work; the next waits a whole interval.
    expect(runs).toHaveLength(4);
    expect(runs[3]! - runs[0]!).toBeLessThan(1000);
  });

  it("never runs with an interval of 0, and stop waits for the run in progress", async () => {
    let ran = false;
    await startPeriodicStep("off", 0, async () => {
      ran = true;
    }).stop();
    expect(ran).toBe(false);

    let finished = false;
    const worker = startPeriodicStep("slow", 10, async () => {
      await sleep(100);
      finished = true;
    });
    await sleep(30);
    await worker.stop();
    expect(finished).toBe(true);
  });

  it("keeps going after a step that throws", async () => {
    let runs = 0;
    const worker = startPeriodicStep("failing", 20, async () => {
      runs += 1;
      throw new Error("boom");
    });
    await sleep(120);
    await worker.stop();
    expect(runs).toBeGreaterThan(2);
  });
});
