import Link from "next/link";

// Rendered with status 403 when a team member opens a page their role does not include.
export default function Forbidden() {
  return (
    <section className="card">
      <h1>Not part of your role</h1>
      <p className="muted">Your role in this organisation does not include this page. An owner or admin can change your role on the Team page.</p>
      <Link href="/">Back to the console</Link>
    </section>
  );
}
