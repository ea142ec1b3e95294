"use client";

import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError, intOf, textOf } from "./form-kit.tsx";

/** Percent (basis points) or fixed (cents) from what the organiser typed. */
const amountOf = (kind: "PERCENT" | "FIXED", value: string) => Math.round(Number(value || "0") * 100);

/** An event's vouchers with their usage; one code, or N random codes with a prefix downloaded as CSV. */
export function VouchersPanel({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const vouchers = useQuery(trpc.voucher.list.queryOptions({ organizationId, eventId, limit: 100 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.voucher.pathKey() });
  const create = useMutation(trpc.voucher.create.mutationOptions({ onSuccess: refresh }));
  const generate = useMutation(trpc.voucher.generate.mutationOptions({ onSuccess: refresh }));
  const [csvUrl, setCsvUrl] = useState<string | null>(null);

  const terms = (data: FormData) => {
    const kind = data.get("kind") === "FIXED" ? ("FIXED" as const) : ("PERCENT" as const);
    return { organizationId, eventId, kind, amount: amountOf(kind, textOf(data.get("amount"))), maxRedemptions: intOf(data.get("maxRedemptions")) };
  };
  const onCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    create.mutate({ ...terms(data), code: textOf(data.get("code")) });
  };
  const onGenerate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    generate.mutate(
      { ...terms(data), prefix: textOf(data.get("prefix")), count: intOf(data.get("count")) ?? 0 },
      { onSuccess: (result) => setCsvUrl(URL.createObjectURL(new Blob([result.csv], { type: "text/csv" }))) },
    );
  };

  return (
    <div className="stack">
      {vouchers.isPending ? <p className="muted">Loading vouchers…</p> : null}
      {vouchers.isError ? <QueryError error={vouchers.error} onRetry={() => void vouchers.refetch()} /> : null}
      {vouchers.data ? (
        <div className="table-wrap card">
          <table>
            <caption className="visually-hidden">Vouchers</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Discount</th>
                <th scope="col" className="numeric">
                  Used
                </th>
              </tr>
            </thead>
            <tbody>
              {vouchers.data.items.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.code}</th>
                  <td>{v.kind === "PERCENT" ? `${v.amount / 100} %` : `${(v.amount / 100).toFixed(2)} ${v.currency ?? ""}`}</td>
                  <td className="numeric">
                    {formatCount(v.redeemedCount)}
                    {v.maxRedemptions !== null ? ` / ${formatCount(v.maxRedemptions)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form className="card stack" onSubmit={onCreate} noValidate aria-labelledby="voucher-new">
        <h2 id="voucher-new">New voucher</h2>
        <Field id="v-code" label="Code" error={fieldError(create.error, "code")}>
          <input id="v-code" name="code" required maxLength={40} />
        </Field>
        <TermsFields prefix="v" error={create.error} />
        <FormError error={create.error} fields={["code", "amount", "maxRedemptions"]} />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Create voucher"}
        </button>
      </form>
      <form className="card stack" onSubmit={onGenerate} noValidate aria-labelledby="voucher-bulk">
        <h2 id="voucher-bulk">Generate codes</h2>
        <Field id="g-prefix" label="Prefix" error={fieldError(generate.error, "prefix")}>
          <input id="g-prefix" name="prefix" maxLength={12} />
        </Field>
        <Field id="g-count" label="How many" error={fieldError(generate.error, "count")}>
          <input id="g-count" name="count" type="number" min={1} max={1000} required />
        </Field>
        <TermsFields prefix="g" error={generate.error} />
        <FormError error={generate.error} fields={["prefix", "count", "amount", "maxRedemptions"]} />
        <button type="submit" className="button button-primary" disabled={generate.isPending}>
          {generate.isPending ? "Generating…" : "Generate"}
        </button>
        {csvUrl ? (
          <a className="button" href={csvUrl} download="vouchers.csv">
            Download {formatCount(generate.data?.count ?? 0)} codes (CSV)
          </a>
        ) : null}
      </form>
    </div>
  );
}

function TermsFields({ prefix, error }: { prefix: string; error: unknown }) {
  return (
    <>
      <Field id={`${prefix}-kind`} label="Kind">
        <select id={`${prefix}-kind`} name="kind" defaultValue="PERCENT">
          <option value="PERCENT">Percent off</option>
          <option value="FIXED">Amount off (EUR)</option>
        </select>
      </Field>
      <Field id={`${prefix}-amount`} label="Percent or amount" error={fieldError(error, "amount")}>
        <input id={`${prefix}-amount`} name="amount" type="number" min={0} step="0.01" required />
      </Field>
      <Field id={`${prefix}-max`} label="Uses per code (optional)" error={fieldError(error, "maxRedemptions")}>
        <input id={`${prefix}-max`} name="maxRedemptions" type="number" min={1} />
      </Field>
    </>
  );
}
