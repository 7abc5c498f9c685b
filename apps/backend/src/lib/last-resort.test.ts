import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { redirectLog } from "./json-log";
import { installLastResortHandlers } from "./last-resort";

describe("installLastResortHandlers", () => {
  it("logs stray rejections and exceptions as JSON errors and lets the process go on", () => {
    const processLike = new EventEmitter();
    installLastResortHandlers(processLike);
    const logged: [string, boolean][] = [];
    const restore = redirectLog((line, isError) => logged.push([line, isError]));
    try {
      processLike.emit("unhandledRejection", new Error("lost\nline"));
      processLike.emit("uncaughtException", new TypeError("late callback"));
      processLike.emit("unhandledRejection", "not an error");
    } finally {
      restore();
    }
    expect(logged.map(([line, isError]) => [JSON.parse(line), isError])).toEqual([
      [expect.objectContaining({ log: "error", message: "Unhandled promise rejection", name: "Error", cause: "lost\nline" }), true],
      [expect.objectContaining({ log: "error", message: "Uncaught exception", name: "TypeError", cause: "late callback" }), true],
      [expect.objectContaining({ log: "error", message: "Unhandled promise rejection", cause: "not an error" }), true],
    ]);
  });
});
