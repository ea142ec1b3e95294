import type { Metadata } from "next";
import { ConfirmEmailForm } from "~/features/signup/confirm-email-form.tsx";
import { PublicPage } from "~/features/signup/public-page.tsx";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

export default function ConfirmPage() {
  return (
    <PublicPage heading="Confirm your e-mail address" intro="Enter the password you chose at sign-up to confirm this address.">
      <ConfirmEmailForm />
    </PublicPage>
  );
}
