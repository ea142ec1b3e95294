import type { TCheckinStats } from "@marquee/api/services/checkin/checkin-schemas";
import { formatCount } from "@marquee/ui/format";
import { percentOf } from "./checkin-format.ts";
import styles from "./checkin.module.css";

type TCounts = TCheckinStats["events"][number]["total"];

/** One line of progress: a name, admitted of tickets with a bar, and inside / refused / conflicts. */
export function ProgressRow({ name, tickets, counts }: { name: string; tickets: number; counts: TCounts }) {
  const percent = percentOf(counts.admitted, tickets);
  return (
    <li className={styles.progressRow}>
      <div className={styles.progressHead}>
        <strong>{name}</strong>
        <span className="numeric">
          {formatCount(counts.admitted)} / {formatCount(tickets)} admitted ({percent}%)
        </span>
      </div>
      <progress className={styles.bar} max={Math.max(1, tickets)} value={Math.min(counts.admitted, Math.max(1, tickets))} aria-label={`${name}: admitted`} />
      <dl className={styles.counts}>
        <div>
          <dt>Inside now</dt>
          <dd>{formatCount(counts.inside)}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd>{formatCount(counts.refused)}</dd>
        </div>
        <div>
          <dt>Conflicts</dt>
          <dd className={counts.conflicts > 0 ? styles.warn : undefined}>{formatCount(counts.conflicts)}</dd>
        </div>
      </dl>
    </li>
  );
}
