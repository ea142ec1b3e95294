"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ROLE_LABEL } from "~/lib/labels.ts";
import { useFragmentToken } from "../signup/confirm-email-form.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";

/**
 * The invitation link's page: who invites, as what; then accept signed in as the invited address,
 * with its password, or (no account yet) with a name and a new password, and sign in.
 */
export function AcceptInvitation({ signedInEmail }: { signedInEmail: string | null }) {
  const token = useFragmentToken();
  if (token === undefined) return <p className="muted">Reading the link…</p>;
  if (!token) return <p className="alert">This link is incomplete. Open it again from the e-mail.</p>;
  return <InvitationForm token={token} signedInEmail={signedInEmail} />;
}

function InvitationForm({ token, signedInEmail }: { token: string; signedInEmail: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery(trpc.invitation.preview.queryOptions({ token }, { retry: false }));
  const accept = useMutation(trpc.invitation.accept.mutationOptions());
  const [after, setAfter] = useState<string | null>(null);

  if (preview.isPending) return <p className="muted">Loading the invitation…</p>;
  if (preview.isError) {
    if (preview.error.data?.appCode === "LINK_EXPIRED") return <p className="alert">{preview.error.message}</p>;
    return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
  }
  const invitation = preview.data;
  const asInvitee = signedInEmail === invitation.email;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = form.get("password") === null ? undefined : String(form.get("password"));
    const name = form.get("name") === null ? undefined : String(form.get("name"));
    accept.mutate(
      { token, password, name },
      {
        onSuccess: async ({ organizationId, email }) => {
          const target = `/orgs/${organizationId}`;
          if (!asInvitee && password) {
            const result = await signIn("credentials", { email, password, redirect: false });
            if (!result?.ok || result.error) {
              setAfter("You joined the team. Please sign in.");
              router.replace(`/signin?callbackUrl=${encodeURIComponent(target)}`);
              return;
            }
          }
          router.replace(target);
          router.refresh();
        },
      },
    );
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <p>
        You are invited to join <strong>{invitation.organizationName}</strong> as <strong>{ROLE_LABEL[invitation.role]}</strong>. The invitation is for{" "}
        <strong>{invitation.email}</strong>.
      </p>
      {asInvitee ? null : invitation.accountExists ? (
        <div className="field">
          <label htmlFor="password">Password of {invitation.email}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="name">Your name</label>
            <input id="name" name="name" autoComplete="name" required maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="password">Choose a password</label>
            <input id="password" name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={200} />
          </div>
        </>
      )}
      {signedInEmail && !asInvitee ? <p className="muted small">You are signed in as {signedInEmail}; accepting signs you in as the invited address.</p> : null}
      <div role="alert" aria-live="assertive">
        {accept.isError ? <p className="alert">{mutationErrorMessage(accept.error)}</p> : null}
        {after ? <p className="alert">{after}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={accept.isPending || accept.isSuccess}>
        {accept.isPending || accept.isSuccess ? "Joining…" : "Accept and join the team"}
      </button>
    </form>
  );
}
