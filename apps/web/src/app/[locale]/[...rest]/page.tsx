import { notFound } from "next/navigation";

// Any other path: the language's not-found page, inside the site's frame.
export default function UnknownPage() {
  notFound();
}
