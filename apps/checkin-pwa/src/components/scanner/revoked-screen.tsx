"use client";

/** Shown once a device was revoked: its data is already wiped. */
export function RevokedScreen({ message, onPairAgain }: { message: string | null; onPairAgain: () => void }) {
  return (
    <section className="scanner-shell revoked" data-testid="device-revoked" role="alert">
      <h1>This device was revoked</h1>
      <p>{message ?? "The organiser revoked this device."} Everything it had stored has been deleted from this phone.</p>
      <button type="button" className="button big" onClick={onPairAgain}>
        Pair again
      </button>
    </section>
  );
}
