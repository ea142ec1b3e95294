// The console check-in spec's helpers: an owner who signs in to the console for a check-in
// organisation (support/checkin-data.ts makes its shows and tickets), and a scanner device driven
// through the device REST API (pair, upload) as an outside scanner or turnstile would.
import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { expect } from "@playwright/test";

/** An owner of the organisation who signs in with the factories' password. */
export async function createCheckinOwner(db: Db, organizationId: string) {
  const owner = await createFactories(db).member(organizationId, "OWNER", {
    name: "Olga Owner",
    email: `checkin-owner-${randomUUID().slice(0, 8)}@example.test`,
  });
  return { email: owner.email, password: TEST_PASSWORD };
}

async function call<T>(
  baseUrl: string,
  path: string,
  init: { method: "GET" | "POST"; credential?: string; body?: unknown },
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: init.method,
    headers: {
      ...(init.credential ? { authorization: `Bearer ${init.credential}` } : {}),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A scanner paired with the token the console showed (pairDevice), then its uploads (uploadScans). */
export async function pairScannerDevice(baseUrl: string, token: string, appVersion: string) {
  const paired = await call<{ credential: string; device: { id: string; name: string } }>(baseUrl, "/checkin/pair", {
    method: "POST",
    body: { token, appVersion },
  });
  expect(paired.status, `pairDevice answered ${paired.status}: ${JSON.stringify(paired.body).slice(0, 300)}`).toBe(200);
  const { credential, device } = paired.body;
  return {
    deviceId: device.id,
    /** One scan as the device saw it; answers the server's verdicts (status and body). */
    upload: (scan: { code: string; listId: string; scannedAt: Date; offline: boolean }) =>
      call<{ results: { result: string; conflict: boolean; new: boolean }[] }>(baseUrl, "/checkin/scans", {
        method: "POST",
        credential,
        body: {
          scans: [
            {
              nonce: randomUUID().replaceAll("-", ""),
              code: scan.code,
              kind: "ENTRY",
              listId: scan.listId,
              scannedAt: scan.scannedAt.toISOString(),
              deviceResult: "ACCEPTED",
              offline: scan.offline,
            },
          ],
        },
      }),
  };
}
