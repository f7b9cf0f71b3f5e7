import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

// The app's labelled form controls: each error is announced and tied to its control with
// aria-describedby, with a `error-<name>` test id.

type Messageable = { label: string; name: string; error?: string | string[]; hint?: string };

const join = (error?: string | string[]) => (Array.isArray(error) ? error.join(" ") : error);

function describedBy(id: string, error?: string, hint?: string) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ id, name, error, hint }: { id: string; name: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A field's error beside a control laid out by hand (the booking form's grid), with the same `error-<name>` test id. */
export function FieldError({ name, error }: { name: string; error?: string | string[] }) {
  const message = join(error);
  return message ? (
    <span className="text-red-700" data-testid={`error-${name}`}>
      {message}
    </span>
  ) : null;
}

/** The label, the control (given its id, ARIA state and border) and the messages, for each field below. */
function Labelled({ label, name, error, hint, control }: Messageable & { control: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }, border: string) => ReactNode }) {
  const id = useId();
  const message = join(error);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {control({ id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy(id, message, hint) }, message ? "border-red-600" : "border-stone-300")}
      <Messages id={id} name={name} error={message} hint={hint} />
    </div>
  );
}

/** A labelled input. */
export function TextField({ label, error, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & Messageable) {
  return (
    <Labelled
      label={label}
      name={input.name}
      error={error}
      hint={hint}
      control={(aria, border) => <input {...input} {...aria} className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${border}`} />}
    />
  );
}

type Option = { value: string; label: string };

/** A labelled select: its options as `options`, or as children (groups, disabled entries). */
export function SelectField({ label, error, hint, options, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & Messageable & { options?: readonly Option[]; children?: ReactNode }) {
  return (
    <Labelled
      label={label}
      name={select.name}
      error={error}
      hint={hint}
      control={(aria, border) => (
        <select {...select} {...aria} className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm ${border}`}>
          {options
            ? options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))
            : children}
        </select>
      )}
    />
  );
}

/** A labelled text area. */
export function TextAreaField({ label, error, hint, ...area }: TextareaHTMLAttributes<HTMLTextAreaElement> & Messageable) {
  return (
    <Labelled
      label={label}
      name={area.name}
      error={error}
      hint={hint}
      control={(aria, border) => <textarea rows={3} {...area} {...aria} className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm ${border}`} />}
    />
  );
}

/** A group of checkboxes or radios under a legend, with one error for the group. */
export function ChoiceGroup({
  legend,
  name,
  type,
  options,
  defaultValue,
  error,
}: {
  legend: string;
  name: string;
  type: "checkbox" | "radio";
  options: readonly Option[];
  defaultValue?: readonly string[];
  error?: string | string[];
}) {
  const id = useId();
  const message = join(error);
  return (
    <fieldset aria-describedby={message ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type={type} name={name} value={o.value} defaultChecked={defaultValue?.includes(o.value)} className="h-4 w-4" />
            {o.label}
          </label>
        ))}
      </div>
      <Messages id={id} name={name} error={message} />
    </fieldset>
  );
}

export function FormMessage({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  const styles = tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800";
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={`form-${tone}`} className={`rounded-md border px-3 py-2 text-sm ${styles}`}>
      {children}
    </div>
  );
}
