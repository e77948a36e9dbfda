// Data access for the integration registry.
import { eq } from "drizzle-orm";
import type { BridgeDb } from "../db/database.js";
import { finagoSessions, integrations } from "../db/schema.js";

export type IntegrationRow = typeof integrations.$inferSelect;
export type NewIntegrationRow = typeof integrations.$inferInsert;

export function createIntegrationDal(db: BridgeDb) {
  return {
    async insert(row: NewIntegrationRow): Promise<IntegrationRow> {
      const [created] = await db.insert(integrations).values(row).returning();
      return created!;
    },
    async list(): Promise<IntegrationRow[]> {
      return db.select().from(integrations).orderBy(integrations.createdAt);
    },
    async findById(id: string): Promise<IntegrationRow | undefined> {
      const [row] = await db.select().from(integrations).where(eq(integrations.id, id));
      return row;
    },
    async update(id: string, patch: Partial<NewIntegrationRow>): Promise<IntegrationRow | undefined> {
      const [row] = await db
        .update(integrations)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(integrations.id, id))
        .returning();
      return row;
    },
    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(integrations).where(eq(integrations.id, id)).returning({ id: integrations.id });
      return rows.length > 0;
    },
    /** A stored Finago session is only valid for the credentials it was made with. */
    async forgetFinagoSession(id: string): Promise<void> {
      await db.delete(finagoSessions).where(eq(finagoSessions.integrationId, id));
    },
  };
}
export type IntegrationDal = ReturnType<typeof createIntegrationDal>;
