import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { QR_QUIET_ZONE, qrMatrix, qrPathData } from "./qr.ts";

describe("qr", () => {
  it("uses error correction level M and draws exactly the dark modules", () => {
    const code = "mq1.TEST.0.payload.signature";
    const matrix = qrMatrix(code);
    const reference = QRCode.create(code, { errorCorrectionLevel: "M" });
    expect(matrix.size).toBe(reference.modules.size);
    expect(matrix.dark.filter(Boolean).length).toBe(Array.from(reference.modules.data).filter((bit) => bit === 1).length);

    // Every run in the path covers only dark modules, and together the runs cover all of them.
    let covered = 0;
    for (const [, x, y, width] of qrPathData(matrix).matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const row = Number(y) - QR_QUIET_ZONE;
      const col = Number(x) - QR_QUIET_ZONE;
      for (let i = 0; i < Number(width); i++) expect(matrix.dark[row * matrix.size + col + i]).toBe(true);
      covered += Number(width);
    }
    expect(covered).toBe(matrix.dark.filter(Boolean).length);
  });
});
