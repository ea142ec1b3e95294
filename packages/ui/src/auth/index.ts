// Safe to import from server and client components alike: the form is a client component of its
// own module, the rest are plain functions. Server-only pieces live under `@marquee/ui/server/*`.
export { safeCallbackUrl } from "./safe-callback-url.ts";
export { DEFAULT_NO_ACCESS_MESSAGE, signInErrorMessage } from "./sign-in-errors.ts";
export { SignInForm, type SignInFormProps } from "./sign-in-form.tsx";
