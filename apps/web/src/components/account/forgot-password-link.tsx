"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/provider.tsx";
import "~/styles/security.css";

/** "Forgot your password?" under the sign-in form's password field. */
export function ForgotPasswordLink() {
  const { m } = useI18n();
  return (
    <p className="small account-hint">
      <Link href="/signin/forgot" className="security-link">
        {m.security.forgotLink}
      </Link>
    </p>
  );
}
