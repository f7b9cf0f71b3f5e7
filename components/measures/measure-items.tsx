import type { Instrument } from "@/lib/measures/instruments";

// One instrument's questions as a form: each item a fieldset whose legend is the question, its
// answers radio buttons in the order the published form prints them, and its error (if any)
// announced under it and tied to it. Used by the clinician's form and by the partner's link form;
// the fields are named "<instrument>.q<n>" and carry the chosen position, scored on the server.
// No hooks: it renders inside either form's client component, which keeps what was chosen when
// the server refuses.

/** What a form needs of an instrument: plain data, so a server page can hand it to a client form. */
export type InstrumentForm = Pick<Instrument, "id" | "name" | "instructions" | "groupInstructions"> & {
  items: { number: number; text: string; options: { label: string }[]; poles?: { left: string; right: string } }[];
};

export function instrumentForm(instrument: Instrument): InstrumentForm {
  return {
    id: instrument.id,
    name: instrument.name,
    instructions: instrument.instructions,
    groupInstructions: instrument.groupInstructions,
    items: instrument.items.map((item) => ({ number: item.number, text: item.text, options: item.options.map((o) => ({ label: o.label })), poles: item.poles })),
  };
}

export function MeasureItems({ instrument, errors, idPrefix }: { instrument: InstrumentForm; errors?: Record<string, string[]>; idPrefix: string }) {
  return (
    <fieldset className="space-y-4" data-testid={`items-${instrument.id}`}>
      <legend className="text-base font-semibold text-stone-900">
        {instrument.name}: {instrument.instructions}
      </legend>
      {instrument.items.map((item) => {
        const name = `${instrument.id}.q${item.number}`;
        const error = errors?.[name]?.join(" ");
        const errorId = `${idPrefix}-${instrument.id}-q${item.number}-error`;
        return (
          <div key={item.number}>
            {instrument.groupInstructions?.beforeItem === item.number && <p className="mb-3 text-sm text-stone-700">{instrument.groupInstructions.text}</p>}
            <fieldset aria-describedby={error ? errorId : undefined} className={`rounded-md border p-3 ${error ? "border-red-600" : "border-stone-200"}`}>
              <legend className="px-1 text-sm font-medium text-stone-800">
                {item.number}. {item.text}
              </legend>
              {item.poles ? <Differential name={name} item={item} /> : <Options name={name} options={item.options} />}
              {error && (
                <p id={errorId} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
                  {error}
                </p>
              )}
            </fieldset>
          </div>
        );
      })}
    </fieldset>
  );
}

function Options({ name, options }: { name: string; options: { label: string }[] }) {
  return (
    <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
      {options.map((o, position) => (
        <label key={position} className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} value={position} className="h-4 w-4" />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Two opposite words with six positions between them, as the authors print them. */
function Differential({ name, item }: { name: string; item: InstrumentForm["items"][number] }) {
  const { left, right } = item.poles!;
  const last = item.options.length - 1;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
      <span aria-hidden="true" className="w-28 text-right font-medium">
        {left}
      </span>
      {item.options.map((o, position) => (
        <label key={position} className="flex flex-col items-center gap-1">
          <input type="radio" name={name} value={position} className="h-4 w-4" />
          <span>
            {o.label}
            {position === 0 && <span className="sr-only"> ({left})</span>}
            {position === last && <span className="sr-only"> ({right})</span>}
          </span>
        </label>
      ))}
      <span aria-hidden="true" className="w-28 font-medium">
        {right}
      </span>
    </div>
  );
}
