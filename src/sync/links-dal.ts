// What the bridge knows it has written: Finago ids linked to Ongoing ids, with the content
// last sent, so unchanged records are not written again and shipments are reported once.
import { and, eq, inArray } from "drizzle-orm";
import type { BridgeDb } from "../db/database.js";
import { articleLinks, orderLinks, supplierLinks } from "../db/schema.js";

export type ArticleLink = typeof articleLinks.$inferSelect;
export type OrderLink = typeof orderLinks.$inferSelect;
export type SupplierLink = typeof supplierLinks.$inferSelect;

export function createLinksDal(db: BridgeDb, integrationId: string) {
  const ofIntegration = (t: typeof articleLinks | typeof orderLinks | typeof supplierLinks) => eq(t.integrationId, integrationId);
  return {
    async articleLinksByProductIds(productIds: number[]): Promise<ArticleLink[]> {
      if (productIds.length === 0) return [];
      return db.select().from(articleLinks).where(and(ofIntegration(articleLinks), inArray(articleLinks.finagoProductId, productIds)));
    },
    async articleLinksBySupplier(supplierId: number): Promise<ArticleLink[]> {
      return db.select().from(articleLinks).where(and(ofIntegration(articleLinks), eq(articleLinks.supplierId, supplierId)));
    },
    async articleLinkByNumber(articleNumber: string): Promise<ArticleLink | undefined> {
      const [row] = await db.select().from(articleLinks).where(and(ofIntegration(articleLinks), eq(articleLinks.articleNumber, articleNumber)));
      return row;
    },
    async saveArticleLink(link: Omit<ArticleLink, "integrationId" | "updatedAt">): Promise<void> {
      const values = { ...link, integrationId, updatedAt: new Date() };
      await db.insert(articleLinks).values(values).onConflictDoUpdate({
        target: [articleLinks.integrationId, articleLinks.finagoProductId],
        set: values,
      });
    },

    async orderLink(finagoOrderId: number): Promise<OrderLink | undefined> {
      const [row] = await db.select().from(orderLinks).where(and(ofIntegration(orderLinks), eq(orderLinks.finagoOrderId, finagoOrderId)));
      return row;
    },
    async orderLinkByOngoingId(ongoingOrderId: number): Promise<OrderLink | undefined> {
      const [row] = await db.select().from(orderLinks).where(and(ofIntegration(orderLinks), eq(orderLinks.ongoingOrderId, ongoingOrderId)));
      return row;
    },
    /** Writes the named columns only: what the shipment and import-status steps mark stays. */
    async saveOrderLink(link: Pick<OrderLink, "finagoOrderId" | "finagoCustomerId" | "orderNumber" | "ongoingOrderId" | "contentHash">): Promise<void> {
      const { finagoOrderId, finagoCustomerId, orderNumber, ongoingOrderId, contentHash } = link;
      const values = { integrationId, finagoOrderId, finagoCustomerId, orderNumber, ongoingOrderId, contentHash, updatedAt: new Date() };
      await db.insert(orderLinks).values(values).onConflictDoUpdate({
        target: [orderLinks.integrationId, orderLinks.finagoOrderId],
        set: values,
      });
    },
    async updateOrderContentHash(finagoOrderId: number, contentHash: string): Promise<void> {
      await db
        .update(orderLinks)
        .set({ contentHash, updatedAt: new Date() })
        .where(and(ofIntegration(orderLinks), eq(orderLinks.finagoOrderId, finagoOrderId)));
    },
    async markImportStatusSet(finagoOrderId: number, at: Date): Promise<void> {
      await db.update(orderLinks).set({ importStatusSetAt: at }).where(and(ofIntegration(orderLinks), eq(orderLinks.finagoOrderId, finagoOrderId)));
    },
    async markShipmentReported(finagoOrderId: number, ongoingStatus: number, at: Date): Promise<void> {
      await db
        .update(orderLinks)
        .set({ shippedReportedAt: at, shippedOngoingStatus: ongoingStatus })
        .where(and(ofIntegration(orderLinks), eq(orderLinks.finagoOrderId, finagoOrderId)));
    },

    async supplierLink(companyId: number): Promise<SupplierLink | undefined> {
      const [row] = await db.select().from(supplierLinks).where(and(ofIntegration(supplierLinks), eq(supplierLinks.finagoCompanyId, companyId)));
      return row;
    },
    async saveSupplierLink(link: Pick<SupplierLink, "finagoCompanyId" | "supplierInfo" | "contentHash">): Promise<void> {
      const values = { ...link, integrationId, updatedAt: new Date() };
      await db.insert(supplierLinks).values(values).onConflictDoUpdate({
        target: [supplierLinks.integrationId, supplierLinks.finagoCompanyId],
        set: values,
      });
    },
    async markSupplierSent(companyId: number, hash: string): Promise<void> {
      await db.update(supplierLinks).set({ sentHash: hash }).where(and(ofIntegration(supplierLinks), eq(supplierLinks.finagoCompanyId, companyId)));
    },
  };
}
export type LinksDal = ReturnType<typeof createLinksDal>;
