// HEALTHCHECK of docker/Dockerfile.workers: GET /healthz of $ROLE (every role for ROLE=all).
const defaults = { booking: 9101, payment: 9102, invoice: 9103, notification: 9104, analytics: 9105 };
const role = process.env.ROLE ?? "all";
const roles = role === "all" ? Object.keys(defaults) : [role];
const port = (name) => process.env[`${name.toUpperCase()}_HTTP_PORT`] ?? defaults[name];
const results = await Promise.all(
  roles.map((name) =>
    fetch(`http://127.0.0.1:${port(name)}/healthz`, { signal: AbortSignal.timeout(2500) }).then(
      (response) => response.status === 200,
      () => false,
    ),
  ),
);
process.exit(results.every(Boolean) ? 0 : 1);
