"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { setRoomActiveAction, updateRoomAction } from "../actions";

const CARD = "space-y-4 rounded-lg border border-stone-200 bg-white p-4";

/** A room's name, capacity and dosing equipment; refused, with the sessions named, if that breaks a booking (P9). */
export function EditRoomForm({ room }: { room: { id: string; name: string; capacity: number; dosingEquipped: boolean } }) {
  const { state, pending, onSubmit } = useFormAction(updateRoomAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className={CARD} aria-labelledby="edit-room">
      <h2 id="edit-room" className="text-lg font-semibold">
        Edit the room
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Room {state.data.name} saved.</FormMessage>}
      <input type="hidden" name="roomId" value={room.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={room.name} required error={errors?.name} />
        <TextField label="Capacity (people)" name="capacity" type="number" inputMode="numeric" min={1} defaultValue={room.capacity} required error={errors?.capacity} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dosingEquipped" defaultChecked={room.dosingEquipped} className="h-4 w-4" /> Dosing-equipped (medicine sessions may use it)
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save room"}
      </Button>
    </form>
  );
}

/** Taking the room out of use asks for confirmation first; bringing it back does not. */
export function RoomActiveForm({ room }: { room: { id: string; name: string; active: boolean } }) {
  const { state, pending, onSubmit } = useFormAction(setRoomActiveAction);
  const [asking, setAsking] = useState(false);
  return (
    <section className={CARD} aria-labelledby="room-active">
      <h2 id="room-active" className="text-lg font-semibold">
        {room.active ? "Take the room out of use" : "Bring the room back into use"}
      </h2>
      <p className="text-sm text-stone-600">
        {room.active
          ? "A room out of use is offered for no booking or plan. Its past sessions stay; sessions still to come must be moved or cancelled first."
          : "The room is offered for bookings and plans again."}
      </p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">{state.data.active ? `${state.data.name} is in use again.` : `${state.data.name} is out of use.`}</FormMessage>}
      {room.active && !asking ? (
        <Button type="button" variant="danger" onClick={() => setAsking(true)}>
          Take out of use…
        </Button>
      ) : (
        <form
          onSubmit={(e) => {
            onSubmit(e);
            setAsking(false);
          }}
          aria-label={room.active ? `Confirm taking ${room.name} out of use` : `Bring ${room.name} back into use`}
          className="flex flex-wrap items-center gap-2"
        >
          <input type="hidden" name="roomId" value={room.id} />
          <input type="hidden" name="active" value={room.active ? "false" : "true"} />
          {room.active && <span className="text-sm text-red-900">No one can book {room.name} until it is back in use.</span>}
          <Button type="submit" variant={room.active ? "danger" : "secondary"} disabled={pending}>
            {pending ? "Saving…" : room.active ? `Confirm: take ${room.name} out of use` : "Bring back into use"}
          </Button>
          {room.active && (
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Keep it in use
            </Button>
          )}
        </form>
      )}
    </section>
  );
}
