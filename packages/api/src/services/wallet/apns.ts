import { connect, constants } from "node:http2";
import { importPKCS8, SignJWT } from "jose";
import type { TApnsSettings } from "./env.ts";

// Apple Push Notification service, token authentication: an ES256 JWT (iss = team id, kid = key
// id) over HTTP/2 to api.push.apple.com. A pass update push is an empty JSON payload sent to the
// device's push token with the pass type id as its topic; the device then asks the web service
// which passes changed.

export type TPushOutcome = { pushToken: string; status: number; reason: string | null };

let cachedJwt: { key: string; jwt: string; issuedAt: number } | undefined;

/** APNs accepts a provider token for an hour and refuses one refreshed more than every 20 minutes: reuse it for 40. */
async function providerToken(apns: TApnsSettings, nowMs: number): Promise<string> {
  const key = `${apns.teamId}:${apns.keyId}`;
  if (cachedJwt && cachedJwt.key === key && nowMs - cachedJwt.issuedAt < 40 * 60 * 1_000) return cachedJwt.jwt;
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: apns.keyId })
    .setIssuer(apns.teamId)
    .setIssuedAt(Math.floor(nowMs / 1_000))
    .sign(await importPKCS8(apns.keyPem, "ES256"));
  cachedJwt = { key, jwt, issuedAt: nowMs };
  return jwt;
}

/** Sends the pass-update push to each token over one HTTP/2 session; resolves with each token's status (410: unregistered). */
export async function sendPassUpdatePushes(apns: TApnsSettings, pushTokens: readonly string[], nowMs = Date.now()): Promise<TPushOutcome[]> {
  if (pushTokens.length === 0) return [];
  const jwt = await providerToken(apns, nowMs);
  const session = connect(apns.url);
  try {
    await new Promise<void>((resolve, reject) => {
      session.once("connect", () => resolve());
      session.once("error", reject);
    });
    return await Promise.all(
      pushTokens.map(
        (pushToken) =>
          new Promise<TPushOutcome>((resolve, reject) => {
            const stream = session.request({
              [constants.HTTP2_HEADER_METHOD]: "POST",
              [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(pushToken)}`,
              authorization: `bearer ${jwt}`,
              "apns-topic": apns.topic,
              "apns-push-type": "background",
              "apns-priority": "5",
              "content-type": "application/json",
            });
            let status = 0;
            let body = "";
            let settled = false;
            const settle = (outcome: TPushOutcome) => {
              if (settled) return;
              settled = true;
              resolve(outcome);
            };
            stream.setEncoding("utf8");
            stream.on("response", (headers) => (status = Number(headers[constants.HTTP2_HEADER_STATUS])));
            stream.on("data", (chunk: string) => (body += chunk));
            stream.on("end", () => {
              let reason: string | null = null;
              try {
                reason = body ? ((JSON.parse(body) as { reason?: string }).reason ?? null) : null;
              } catch {
                reason = body.slice(0, 200);
              }
              settle({ pushToken, status, reason });
            });
            // A stream closed without an answer (timeout, reset) counts as status 0: retried with the job.
            stream.on("close", () => settle({ pushToken, status, reason: status ? null : "no answer" }));
            stream.on("error", reject);
            stream.setTimeout(10_000, () => stream.close(constants.NGHTTP2_CANCEL));
            stream.end("{}");
          }),
      ),
    );
  } finally {
    session.close();
  }
}
