import { prerender } from "react-dom/static";
import { describe, expect, it } from "vitest";
import { useLoaded } from "./use-loaded.js";

async function renderLoaded(owner: object | null, load: () => Promise<string>): Promise<string> {
  function Value() {
    return <p>{useLoaded(owner, "value", load, "empty")}</p>;
  }
  const { prelude } = await prerender(<Value />);
  return await new Response(prelude).text();
}

describe("useLoaded", () => {
  it("loads once per owner and key", async () => {
    let loads = 0;
    const owner = {};
    const load = async () => `loaded ${++loads}`;
    expect(await renderLoaded(owner, load)).toBe("<p>loaded 1</p>");
    expect(await renderLoaded(owner, load)).toBe("<p>loaded 1</p>");
    expect(loads).toBe(1);
  });

  it("loads again for a new owner, which is how a changed user refreshes its data", async () => {
    let loads = 0;
    const load = async () => `loaded ${++loads}`;
    await renderLoaded({}, load);
    expect(await renderLoaded({}, load)).toBe("<p>loaded 2</p>");
  });

  it("gives the empty value without an owner, and loads nothing", async () => {
    let loads = 0;
    expect(await renderLoaded(null, async () => `loaded ${++loads}`)).toBe("<p>empty</p>");
    expect(loads).toBe(0);
  });
});
