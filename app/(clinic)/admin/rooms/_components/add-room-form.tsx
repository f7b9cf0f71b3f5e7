"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { addRoomAction } from "../actions";

export function AddRoomForm() {
  const { state, pending, onSubmit } = useFormAction(addRoomAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="add-room">
      <h2 id="add-room" className="text-lg font-semibold">
        Add a room
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Room {state.data.name} added.</FormMessage>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" required error={errors?.name} />
        <TextField label="Capacity (people)" name="capacity" type="number" inputMode="numeric" min={1} defaultValue={4} required error={errors?.capacity} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dosingEquipped" className="h-4 w-4" /> Dosing-equipped (medicine sessions may use it)
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add room"}
      </Button>
    </form>
  );
}
