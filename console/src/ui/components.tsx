import type { ComponentChildren } from "preact";
import { ApiError } from "../api/client";
import type { ExportStatus, ReadinessStatesFragment } from "../gql/graphql";
import { READINESS, STATUS_LABEL } from "./labels";

/**
 * An export status as a badge of fixed width, so that a live change never moves what is around it. Keyed by the
 * status: a new status is a new badge, not centred text that slides within the old one.
 */
export function StatusBadge({ status }: { status: ExportStatus }) {
  return (
    <span key={status} class={`status status-${status.toLowerCase().replaceAll("_", "-")}`} data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}

/** The five ready and blocked states, each spelled out (icons alone would say nothing to a screen reader). */
export function ReadinessList({ readiness }: { readiness: ReadinessStatesFragment }) {
  return (
    <ul class="readiness">
      {READINESS.map(({ key, label, alarm }) => {
        const on = readiness[key];
        return (
          <li key={key} class={on ? (alarm ? "alarm" : "on") : "off"} data-state={key} data-value={String(on)}>
            <span class="mark" aria-hidden="true">
              {on ? (alarm ? "!" : "✓") : "–"}
            </span>{" "}
            {label}
            <span class="visually-hidden">: {on ? "yes" : "no"}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A duplicate key: the label trackers carry, and with `full` the fingerprint itself (else it is the label's title).
 */
export function Fingerprint({ label, fingerprint, full = false }: { label: string; fingerprint: string; full?: boolean }) {
  return (
    <span class="fingerprint" data-fingerprint={fingerprint}>
      <code title={full ? undefined : fingerprint}>{label}</code>
      {full && <code class="fingerprint-value">{fingerprint}</code>}
    </span>
  );
}

export function Alert({ kind = "error", children }: { kind?: "error" | "warning" | "info" | "success"; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** What a refused call means for the person in front of the page. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === "FORBIDDEN") {
    return (
      <Alert>
        <strong>Not allowed with this token.</strong> {error.message} Sign in with a token that has the role, or ask an admin.
      </Alert>
    );
  }
  return <Alert>{error instanceof Error ? error.message : String(error)}</Alert>;
}

/** `url` when it is an http(s) URL, so that a tracker's answer can never put a `javascript:` link on the page. */
export const httpHref = (url: string | null | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

/** An outside link opened in a new tab, or the bare text when `url` is not http(s). */
export function OutLink({ url, children }: { url: string | null | undefined; children: ComponentChildren }) {
  const href = httpHref(url);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

/** A labelled select of enum values shown by their labels; `empty` adds a first option for "none" (the value ""). */
export function ChoiceSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T | "";
  options: readonly T[];
  labels: Record<T, string>;
  empty?: string;
  disabled?: boolean;
  onChange(value: T | ""): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.currentTarget.value as T | "")}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
