import { CopyButton } from "@marquee/ui/copy-button";

/** A signing secret, shown once after create or rotate, with a copy button. */
export function SecretReveal({ id, secret, note }: { id: string; secret: string; note: string }) {
  return (
    <div className="token-reveal" role="region" aria-label="Signing secret" data-testid="webhook-secret-reveal">
      <p>
        <strong>Copy the signing secret now: it will not be shown again.</strong> {note}
      </p>
      <label htmlFor={id}>Signing secret</label>
      <input id={id} className="token-secret" readOnly value={secret} data-testid="webhook-secret" onFocus={(event) => event.currentTarget.select()} />
      <CopyButton text={secret} label="Copy secret" />
    </div>
  );
}
