/** The header row of a room calendar: the first column's name, then one column per room. */
export function RoomHeader({ first, firstWidth, rooms }: { first: string; firstWidth: string; rooms: { id: string; name: string; dosingEquipped: boolean }[] }) {
  return (
    <thead>
      <tr>
        <th scope="col" className={`${firstWidth} border border-stone-200 px-2 py-1 text-left`}>
          {first}
        </th>
        {rooms.map((r) => (
          <th key={r.id} scope="col" className="overflow-hidden border border-stone-200 px-2 py-1 text-left" data-testid="room-column">
            {r.name}
            {/* Its own line: with many rooms the columns are narrow. */}
            {r.dosingEquipped && <span className="block font-normal text-violet-700">dosing</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
