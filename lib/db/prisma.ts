import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma, PrismaClient };
export type Db = PrismaClient;
/** Either the client or an interactive transaction's client: domain code accepts both. */
export type Tx = Prisma.TransactionClient;

export function createPrismaClient(adapter: SqlDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter });
}
