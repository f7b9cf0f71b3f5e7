import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

// Form controls beside components/ui/field.tsx's TextField: each labelled, its error announced and
// tied to it with aria-describedby.

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

const join = (e?: string | string[]) => (Array.isArray(e) ? e.join(" ") : e);

export function SelectField({ label, error, hint, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string | string[]; hint?: string; children: ReactNode }) {
  const id = useId();
  const message = join(error);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        {...select}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, message, hint)}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm ${message ? "border-red-600" : "border-stone-300"}`}
      >
        {children}
      </select>
      <Messages id={id} name={select.name} error={message} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, error, hint, ...area }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: string | string[]; hint?: string }) {
  const id = useId();
  const message = join(error);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        {...area}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, message, hint)}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm ${message ? "border-red-600" : "border-stone-300"}`}
      />
      <Messages id={id} name={area.name} error={message} hint={hint} />
    </div>
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
  options: readonly { value: string; label: string }[];
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
