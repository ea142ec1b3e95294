"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";

/** A failed read: "sign in again" when the session ended, otherwise the message and a retry. */
export function QueryError({ error, onRetry }: { error: { message: string }; onRetry: () => void }) {
  if (appErrorOf(error).code === "UNAUTHORIZED") {
    return (
      <p className="alert" role="alert">
        Your session has ended. <a href="/signin">Sign in again</a>.
      </p>
    );
  }
  return (
    <div className="alert" role="alert">
      <p>Something went wrong: {error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
