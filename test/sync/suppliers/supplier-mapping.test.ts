import t from "tap";
import { mapSupplierToSupplierInfo } from "../../../src/sync/suppliers/supplier-mapping.js";
import type { FinagoCompany } from "../../../src/finago/finago-types.js";

const company: FinagoCompany = {
  Id: 88,
  Name: "Nordic Textiles AS",
  Type: "Supplier",
  Addresses: {
    Post: { Street: "Storgata 1", PostalCode: "0155", City: "Oslo", PostalArea: "OSLO SENTRUM", Country: "NO" },
    Visit: { Street: "Not this street 9" },
  },
};

t.test("supplier table of the product description", async (t) => {
  const info = mapSupplierToSupplierInfo(company);
  const address = info.advanced?.supplierAddress;
  t.equal(info.supplierNumber, "88", "Supplier ⇒ SupplierNumber ← Company ⇒ Id (as text)");
  t.equal(info.supplierName, "Nordic Textiles AS", "Supplier ⇒ SupplierName ← Company ⇒ Name");
  t.equal(address?.address, "Storgata 1", "Supplier ⇒ Address ⇒ Address ← Company ⇒ Addresses ⇒ Post ⇒ Street");
  t.equal(address?.postCode, "0155", "Supplier ⇒ Address ⇒ PostCode ← Company ⇒ Addresses ⇒ Post ⇒ PostalCode");
  t.equal(address?.city, "Oslo", "Supplier ⇒ Address ⇒ City ← Company ⇒ Addresses ⇒ Post ⇒ City");
  t.equal(address?.countryCode, "NO", "Supplier ⇒ Address ⇒ CountryCode ← Company ⇒ Addresses ⇒ Post ⇒ Country");
  t.equal(address?.name, "Nordic Textiles AS", "the address carries the supplier's name too");
});

t.test("city falls back to PostalArea when City is empty (Finago NOTES.md §3.3)", async (t) => {
  const post = { ...company.Addresses!.Post!, City: "" };
  const info = mapSupplierToSupplierInfo({ ...company, Addresses: { Post: post } });
  t.equal(info.advanced?.supplierAddress?.city, "OSLO SENTRUM");
  const noCity = mapSupplierToSupplierInfo({ ...company, Addresses: { Post: { ...post, PostalArea: undefined } } });
  t.notOk(noCity.advanced?.supplierAddress && "city" in noCity.advanced.supplierAddress, "neither: no city sent");
});

t.test("absent values are left out", async (t) => {
  t.strictSame(mapSupplierToSupplierInfo({ Id: 5 }), { supplierNumber: "5" }, "only the number");
  t.strictSame(
    mapSupplierToSupplierInfo({ Id: 6, Name: "  ", Addresses: { Post: { Street: "Vei 2", Country: "" } } }),
    { supplierNumber: "6", advanced: { supplierAddress: { address: "Vei 2" } } },
  );
});
