"use client";
import { useState, useTransition } from "react";
import { switchOrganizationAction } from "../../(auth)/actions";

/** Shown only to people in several groups: picking one moves the session there. */
export function OrganizationSwitcher({
  organizations,
  currentId,
  label,
}: {
  organizations: { id: string; name: string }[];
  currentId: string;
  label: string;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col">
      <label htmlFor="organization-switcher" className="sr-only">
        {label}
      </label>
      <select
        id="organization-switcher"
        className="min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={currentId}
        disabled={pending}
        onChange={(event) => {
          const organizationId = event.target.value;
          setError(null);
          startTransition(async () => {
            const result = await switchOrganizationAction({ organizationId });
            if (result && !result.ok) setError(result.error.message);
          });
        }}
      >
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
