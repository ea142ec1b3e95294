import { listNames } from "./inbox-format.ts";

/** Who else is here: "Ben is viewing", "Ben is typing…" (typing wins for the same agent); nothing when alone. */
export function PresenceLine({ viewers, typing }: { viewers: { id: string; name: string }[]; typing: { id: string; name: string }[] }) {
  const typingIds = new Set(typing.map((agent) => agent.id));
  const onlyViewing = viewers.filter((agent) => !typingIds.has(agent.id));
  const first = (name: string) => name.trim().split(/\s+/)[0] || name;
  const parts = [
    typing.length > 0 ? `${listNames(typing.map((agent) => first(agent.name)))} ${typing.length === 1 ? "is" : "are"} typing…` : null,
    onlyViewing.length > 0 ? `${listNames(onlyViewing.map((agent) => first(agent.name)))} ${onlyViewing.length === 1 ? "is" : "are"} viewing` : null,
  ].filter(Boolean);
  return (
    <p className="presence-line small" role="status">
      {parts.length > 0 ? <span className="presence-dot" aria-hidden="true" /> : null}
      {parts.join(" · ")}
    </p>
  );
}
