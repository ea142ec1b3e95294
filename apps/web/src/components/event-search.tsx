"use client";

import Form from "next/form";
import Link from "next/link";
import { useI18n } from "~/i18n/provider.tsx";
import type { TListingParams } from "~/lib/listing-search.ts";

/** A GET form: works without JavaScript, and with it navigates without a full reload. */
export function EventSearch({ params }: { params: TListingParams }) {
  const { m } = useI18n();
  return (
    <Form action="/search" className="search-form" role="search" aria-labelledby="search-heading">
      <h2 id="search-heading" className="visually-hidden">
        {m.home.searchHeading}
      </h2>
      <div className="field search-field">
        <label htmlFor="search-q">{m.home.searchLabel}</label>
        <input id="search-q" name="q" type="search" defaultValue={params.q} placeholder={m.home.searchPlaceholder} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="search-city">{m.home.cityLabel}</label>
        <input id="search-city" name="city" type="text" defaultValue={params.city} maxLength={100} autoComplete="address-level2" />
      </div>
      <div className="field">
        <label htmlFor="search-from">{m.home.fromLabel}</label>
        <input id="search-from" name="from" type="date" defaultValue={params.from} />
      </div>
      <div className="field">
        <label htmlFor="search-to">{m.home.toLabel}</label>
        <input id="search-to" name="to" type="date" defaultValue={params.to} />
      </div>
      <div className="field">
        <label htmlFor="search-seating">{m.home.seatingLabel}</label>
        <select id="search-seating" name="seating" defaultValue={params.seating ?? ""}>
          <option value="">{m.home.seatingAny}</option>
          <option value="GENERAL_ADMISSION">{m.home.seatingGa}</option>
          <option value="RESERVED">{m.home.seatingReserved}</option>
        </select>
      </div>
      <div className="search-actions">
        <button type="submit" className="button button-primary">
          {m.home.submit}
        </button>
        {Object.values(params).some(Boolean) ? <Link href="/search">{m.home.clear}</Link> : null}
      </div>
    </Form>
  );
}
