import "server-only";
import { db } from "../db";

export async function adminSummary(clinicId: string) {
  const [staffCount, activeRooms, dosingRooms] = await Promise.all([
    db.user.count({ where: { clinicId, active: true } }),
    db.room.count({ where: { clinicId, active: true } }),
    db.room.count({ where: { clinicId, active: true, dosingEquipped: true } }),
  ]);
  return { staffCount, activeRooms, dosingRooms };
}
