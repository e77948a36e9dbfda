// Supplier registry, Finago → Ongoing: the product description's supplier table. Ongoing has no
// supplier resource, so this shape travels as `supplierInfo` on the supplier's articles (Ongoing
// NOTES.md §2.6).
import type { FinagoAddress, FinagoCompany } from "../../finago/finago-types.js";
import type { OngoingSupplierAddress, OngoingSupplierInfo } from "../../ongoing/ongoing-types.js";
import { dropAbsent, presentText } from "../mapping-fns.js";

/**
 * | Supplier ⇒ SupplierNumber        | Company ⇒ Id                          |
 * | Supplier ⇒ SupplierName          | Company ⇒ Name                        |
 * | Supplier ⇒ Address ⇒ Address     | Company ⇒ Addresses ⇒ Post ⇒ Street     |
 * | Supplier ⇒ Address ⇒ PostCode    | Company ⇒ Addresses ⇒ Post ⇒ PostalCode |
 * | Supplier ⇒ Address ⇒ City        | Company ⇒ Addresses ⇒ Post ⇒ City       |
 * | Supplier ⇒ Address ⇒ CountryCode | Company ⇒ Addresses ⇒ Post ⇒ Country    |
 *
 * Values Finago leaves empty are left out rather than sent blank, so Ongoing keeps what it has.
 */
export function mapSupplierToSupplierInfo(company: FinagoCompany): OngoingSupplierInfo {
  const name = presentText(company.Name);
  const post: FinagoAddress = company.Addresses?.Post ?? {};
  const supplierAddress: OngoingSupplierAddress = dropAbsent({
    name,
    address: presentText(post.Street),
    postCode: presentText(post.PostalCode),
    // Finago fills PostalArea where the table names City (Finago NOTES.md §3.3).
    city: presentText(post.City) ?? presentText(post.PostalArea),
    // Finago does not document whether Country is an ISO code or a name; it travels as it is.
    countryCode: presentText(post.Country),
  });
  return dropAbsent({
    supplierNumber: String(company.Id),
    supplierName: name,
    advanced: Object.keys(supplierAddress).length > 0 ? { supplierAddress } : undefined,
  });
}
