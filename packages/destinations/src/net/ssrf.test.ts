import { describe, expect, it } from "vitest";

import { assertPublicUrl, refusedAddressReason, type LookupAll } from "./ssrf";

const publicOnly = { allowPrivateNetwork: false };
const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("refusedAddressReason", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["::1", "a loopback address"],
    ["10.1.2.3", "a private network address"],
    ["172.16.0.1", "a private network address"],
    ["172.31.255.254", "a private network address"],
    ["192.168.1.1", "a private network address"],
    ["fd12:3456::1", "a private network address"],
    ["fc00::1", "a private network address"],
    ["169.254.169.254", "a link-local address (this includes cloud metadata endpoints)"],
    ["fe80::1", "a link-local address (this includes cloud metadata endpoints)"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["0.0.0.0", "an unspecified or reserved address"],
    ["0.1.2.3", "an unspecified or reserved address"],
    ["::", "an unspecified or reserved address"],
    ["::127.0.0.1", "an unspecified or reserved address"],
    ["255.255.255.255", "an unspecified or reserved address"],
    ["224.0.0.1", "a multicast address"],
    ["ff02::1", "a multicast address"],
    // IPv4-mapped IPv6 forms are judged as the IPv4 address they carry.
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:169.254.169.254", "a link-local address (this includes cloud metadata endpoints)"],
    ["::ffff:10.0.0.1", "a private network address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "93.184.216.34",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("accepts the public address %s", (address) => {
    expect(refusedAddressReason(address)).toBeUndefined();
  });
});

describe("assertPublicUrl", () => {
  it("accepts an https URL whose every address is public", async () => {
    const url = await assertPublicUrl("https://hooks.example.com/leads?code=1", {
      ...publicOnly,
      lookup: resolvesTo("93.184.216.34", "2606:2800:220:1::1"),
    });
    expect(url.href).toBe("https://hooks.example.com/leads?code=1");
    await expect(assertPublicUrl("https://93.184.216.34/", publicOnly)).resolves.toBeInstanceOf(
      URL,
    );
  });

  it("refuses loopback literals in every spelling", async () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://[::1]/",
      "https://0x7f.1/",
      "https://2130706433/",
      "https://[::ffff:127.0.0.1]/",
    ]) {
      await expect(assertPublicUrl(url, publicOnly)).rejects.toThrow(
        /is a loopback address: destinations must be on the public internet/u,
      );
    }
  });

  it("refuses a host when any of its addresses is private (e.g. DNS pointing at cloud metadata)", async () => {
    await expect(
      assertPublicUrl("https://metadata.attacker.example/", {
        ...publicOnly,
        lookup: resolvesTo("93.184.216.34", "169.254.169.254"),
      }),
    ).rejects.toThrow(
      "metadata.attacker.example resolves to 169.254.169.254, a link-local address (this includes cloud metadata endpoints): destinations must be on the public internet",
    );
    await expect(assertPublicUrl("https://localhost/", publicOnly)).rejects.toThrow(
      /localhost resolves to .*loopback/u,
    );
  });

  it("refuses plain http, other schemes, credentials and unresolvable hosts", async () => {
    await expect(assertPublicUrl("http://93.184.216.34/", publicOnly)).rejects.toThrow(
      "Only https URLs are allowed: plain http would send leads unencrypted",
    );
    await expect(assertPublicUrl("ftp://example.com/", publicOnly)).rejects.toThrow(
      "Only https URLs are allowed, not ftp",
    );
    await expect(
      assertPublicUrl("file:///etc/passwd", { allowPrivateNetwork: true }),
    ).rejects.toThrow("not file");
    await expect(assertPublicUrl("https://u:p@93.184.216.34/", publicOnly)).rejects.toThrow(
      "user name or password",
    );
    await expect(assertPublicUrl("not a url", publicOnly)).rejects.toThrow("is not a valid URL");
    const failing: LookupAll = () =>
      Promise.reject(Object.assign(new Error("nope"), { code: "ENOTFOUND" }));
    await expect(
      assertPublicUrl("https://nowhere.invalid/", { ...publicOnly, lookup: failing }),
    ).rejects.toThrow("The host nowhere.invalid could not be resolved (ENOTFOUND)");
  });

  it("allows private hosts and plain http when private networks are allowed", async () => {
    await expect(
      assertPublicUrl("http://127.0.0.1:10002/devstoreaccount1", { allowPrivateNetwork: true }),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      assertPublicUrl("https://10.0.0.5/", { allowPrivateNetwork: true }),
    ).resolves.toBeInstanceOf(URL);
  });
});
