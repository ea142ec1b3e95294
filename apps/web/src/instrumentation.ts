// Runs once when the server starts (not during `next build`): bad configuration stops it here.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerConfiguration } = await import("@marquee/api/http/server-clients");
    assertServerConfiguration();
  }
}
