import { PAIRING_HANDSHAKE_VERSION } from "@marquee/api/services/checkin/checkin-schemas";
import { describe, expect, it } from "vitest";
import { parsePairingText } from "./pairing.ts";

describe("parsePairingText", () => {
  it("reads the QR code's JSON payload of the known handshake version", () => {
    const text = JSON.stringify({ v: PAIRING_HANDSHAKE_VERSION, url: "https://checkin.example.test/", token: "ABCD-EFGH-JKMN" });
    expect(parsePairingText(text)).toEqual({ ok: true, token: "ABCD-EFGH-JKMN" });
  });

  it("refuses another handshake version with a message naming both versions", () => {
    const parsed = parsePairingText(JSON.stringify({ v: PAIRING_HANDSHAKE_VERSION + 1, url: "https://checkin.example.test/", token: "ABCD" }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(`version ${PAIRING_HANDSHAKE_VERSION + 1}`);
  });

  it("accepts a typed token with dashes, spaces and any case", () => {
    expect(parsePairingText("  abcd-efgh jkmn ")).toEqual({ ok: true, token: "abcd-efgh jkmn" });
  });

  it("refuses empty text, broken JSON, a payload without a token and junk", () => {
    for (const text of ["", "   ", "{not json", JSON.stringify({ v: PAIRING_HANDSHAKE_VERSION }), "<script>", "ab"]) {
      expect(parsePairingText(text).ok, text).toBe(false);
    }
  });
});
