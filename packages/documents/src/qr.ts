import QRCode from "qrcode";

/** Quiet zone in modules around the code, as the QR standard asks (4). */
export const QR_QUIET_ZONE = 4;

export interface TQrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row-major, true = dark module. */
  dark: boolean[];
}

/** The module matrix of a ticket's signed code, error correction level M (15 % of the code may be damaged). */
export function qrMatrix(signedCode: string): TQrMatrix {
  const qr = QRCode.create(signedCode, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const dark: boolean[] = [];
  for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) dark.push(qr.modules.get(row, col) === 1);
  return { size, dark };
}

/**
 * SVG path data drawing the dark modules, one rectangle per horizontal run, offset by the quiet
 * zone. Vector output stays sharp on any printer and is smaller than an embedded PNG.
 */
export function qrPathData(matrix: TQrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark[row * matrix.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark[row * matrix.size + col]) col++;
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join("");
}
