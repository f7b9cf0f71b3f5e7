/**
 * Names for node-postgres's prepared statements, one per distinct SQL text, so that each
 * connection parses and plans a statement once and PostgreSQL may keep a generic plan of it:
 * Prisma's queries have few shapes and some are large (the couple page's one read joins some
 * thirty relations, ~8 ms to plan on an idle machine, ~30 ms on a busy one). Statements live per
 * connection, so the count is bounded: past `cap` distinct texts (`IN` lists of many lengths,
 * say) the rest go unnamed, planned every time as before.
 */
export function statementNames(cap = 2000): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= cap) return known;
    const name = `kap_${names.size.toString(36)}`;
    names.set(sql, name);
    return name;
  };
}
