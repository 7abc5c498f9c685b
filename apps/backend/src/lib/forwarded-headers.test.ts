import { describe, expect, it } from "vitest";
import { ipBucketOf } from "./forwarded-headers";

describe("ipBucketOf", () => {
  it("keeps IPv4 addresses whole, mapped or not", () => {
    expect(ipBucketOf("203.0.113.7")).toBe("v4:203.0.113.7");
    expect(ipBucketOf("::ffff:203.0.113.7")).toBe("v4:203.0.113.7");
  });

  it("groups IPv6 addresses by /64, however they are written", () => {
    const bucket = "v6:2001:db8:0:1::/64";
    expect(ipBucketOf("2001:db8:0:1::1")).toBe(bucket);
    expect(ipBucketOf("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).toBe(bucket);
    expect(ipBucketOf("2001:DB8:0:1:a:b:c:d")).toBe(bucket);
    expect(ipBucketOf("2001:db8:0:2::1")).not.toBe(bucket);
    expect(ipBucketOf("::1")).toBe("v6:0:0:0:0::/64");
  });
});
