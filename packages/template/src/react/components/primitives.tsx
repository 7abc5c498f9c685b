"use client";

import { type ButtonHTMLAttributes, type MouseEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { redirectTo } from "../../lib/urls.js";

type FieldProps = {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  type?: "email" | "password" | "text";
  name?: string;
  autoComplete?: string;
  required?: boolean;
  readOnly?: boolean;
  hint?: string;
  /** Id of the form's alert: the message describes the field while it is marked invalid. */
  errorId?: string;
  invalid?: boolean;
  /** The keyboard phones show, e.g. digits only for a code. */
  inputMode?: "numeric" | "text";
  /** For keys and codes, where 0 and O must not look alike. */
  monospace?: boolean;
};

/**
 * A labelled input: the label is always visible and tied to the input, which screen readers and password managers need.
 * @example <Field label="Email" type="email" value={email} onChange={setEmail} errorId={errorId} invalid={!!error} />
 */
export function Field({ label, value, onChange, type = "text", name, autoComplete, required, readOnly, hint, errorId, invalid, inputMode, monospace }: FieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // A server-rendered form can be typed into before the page hydrates; React would then put the empty state back over
  // what the visitor typed. Whatever the input holds at hydration becomes the state instead.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, at hydration.
  useEffect(() => {
    const typed = input.current?.value ?? "";
    if (typed !== "" && value === "") onChange?.(typed);
  }, []);
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : "", invalid && errorId ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className="hx-field">
      <label className="hx-label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className={monospace ? "hx-input hx-mono" : "hx-input"}
        type={type}
        inputMode={inputMode}
        name={name}
        value={value}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        autoComplete={autoComplete}
        required={required}
        readOnly={readOnly}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={hintId} className="hx-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className"> & {
  variant?: "primary" | "secondary" | "danger";
  loading?: boolean;
  block?: boolean;
  small?: boolean;
};

/**
 * A button that stays put while its action runs: disabled, marked busy, its label unchanged for assistive technology.
 * @example <Button type="submit" block loading={pending}>Sign in</Button>
 */
export function Button({ variant = "primary", loading = false, block, small, disabled, children, type = "button", ...rest }: ButtonProps) {
  const className = [
    "hx-button",
    variant === "primary" ? "" : `hx-button-${variant}`,
    block ? "hx-button-block" : "",
    small ? "hx-button-small" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button {...rest} type={type} className={className} disabled={disabled || loading} aria-busy={loading || undefined}>
      {loading ? <span className="hx-spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/**
 * The error area of a form. It is always in the document, so screen readers announce a message as soon as it appears;
 * CSS hides it while empty.
 * @example <Alert id={errorId} message={error} />
 */
export function Alert({ id, message }: { id?: string; message: string | null }) {
  return (
    <div id={id} role="alert" className="hx-alert">
      {message}
    </div>
  );
}

/**
 * A real link (it opens in a new tab, shows its target), navigating through the app's router when a framework
 * package installed one, so single-page apps do not reload.
 * @example <HexclaveLink href={app.urls.signUp}>Create an account</HexclaveLink>
 */
export function HexclaveLink({ href, className = "hx-link", children }: { href: string; className?: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void redirectTo(href);
  };
  return (
    <a className={className} href={href} onClick={onClick}>
      {children}
    </a>
  );
}

/**
 * The title of a card, the page's only h1.
 * @example <CardHeader title="Sign in" subtitle="Welcome back." />
 */
export function CardHeader({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  return (
    <div className="hx-header">
      <h1 className="hx-title">{title}</h1>
      {subtitle ? <p className="hx-subtitle">{subtitle}</p> : null}
    </div>
  );
}
