import t from "tap";
import {
  mapInvoiceOrderToOngoingOrder, pickCustomerEmail, pickCustomerPhone, productIdsOfOrder, type OrderMappingContext,
} from "../../../src/sync/orders/order-mapping.js";
import { DEFAULT_SETTINGS, mergeSettings } from "../../../src/integrations/integration-settings.js";
import type { FinagoCompany, FinagoInvoiceOrder } from "../../../src/finago/finago-types.js";
import type { PostOrderModel } from "../../../src/ongoing/ongoing-types.js";

const GOODS_OWNER_ID = 159;
const NOW = new Date("2025-03-10T09:30:00Z");

const order: FinagoInvoiceOrder = {
  OrderId: 10042,
  OrderStatus: "Confirmed",
  CustomerId: 3001,
  CustomerName: "Fjord Retail AS",
  CustomerDeliveryName: "Kari Nordmann",
  CustomerDeliveryPhone: "+4791234567",
  InvoiceEmailAddress: "invoice@fjord.example",
  Addresses: {
    Delivery: { Street: "Lagerveien 5", PostalCode: "5003", PostalArea: "Bergen", City: "BERGEN CITY", Country: "NO", State: "Vestland" },
    Invoice: { Street: "Postboks 12", PostalCode: "0101", PostalArea: "Oslo", Country: "NO", State: "Oslo" },
  },
  DeliveryDate: new Date("2025-03-14T00:00:00Z"),
  DeliveryMethod: { Id: 7, Description: "Bring Pakke i postkassen" },
  ReferenceNumber: "PO-778",
  YourReference: "Ola",
  InvoiceTitle: "Leave at the back door",
  Currency: { Symbol: "NOK" },
  InvoiceRows: [
    { RowId: 1, ProductId: 4711, Quantity: 3, Price: 199.5, Type: "Normal", Name: "T-shirt" },
    { RowId: 2, Type: "Text", Name: "Thank you for your order" },
    { RowId: 3, ProductId: 4712, Quantity: 1, Price: 49 },
  ],
};

const articles = new Map([[4711, "TS-100"], [4712, "CAP-1"]]);

function context(overrides: Partial<OrderMappingContext> = {}): OrderMappingContext {
  return { goodsOwnerId: GOODS_OWNER_ID, settings: DEFAULT_SETTINGS, now: NOW, articleNumberByProductId: articles, ...overrides };
}

function mapped(o: FinagoInvoiceOrder, overrides: Partial<OrderMappingContext> = {}): PostOrderModel {
  const result = mapInvoiceOrderToOngoingOrder(o, context(overrides));
  if (!result.ok) throw new Error(`expected a mapped order, got: ${result.reason}`);
  return result.order;
}

function refusal(o: FinagoInvoiceOrder, overrides: Partial<OrderMappingContext> = {}): string {
  const result = mapInvoiceOrderToOngoingOrder(o, context(overrides));
  if (result.ok) throw new Error("expected the order to be refused");
  return result.reason;
}

t.test("order table of the product description", async (t) => {
  const o = mapped(order);
  const line = o.orderLines[0];
  t.equal(o.orderNumber, "10042", "OrderInfo ⇒ GoodsOwnerOrderNumber ← InvoiceOrder ⇒ OrderId (as text)");
  t.equal(o.deliveryDate, "2025-03-14", "OrderInfo ⇒ DeliveryDate ← InvoiceOrder ⇒ DeliveryDate (YYYY-MM-DD)");
  t.equal(o.referenceNumber, "PO-778", "OrderInfo ⇒ ReferenceNumber ← InvoiceOrder ⇒ ReferenceNumber");
  t.equal(o.salesCode, "Ola", "OrderInfo ⇒ SalesCode ← InvoiceOrder ⇒ YourReference");
  t.equal(o.advanced?.wayOfDeliveryString, "Bring Pakke i postkassen", "OrderInfo ⇒ WayOfDelivery ← InvoiceOrder ⇒ DeliveryMethod ⇒ Description");
  t.equal(o.wayOfDelivery?.code, "7", "OrderInfo ⇒ WayOfDeliveryType ⇒ Code ← InvoiceOrder ⇒ DeliveryMethod ⇒ Id");
  t.equal(o.wayOfDelivery?.name, "Bring Pakke i postkassen", "OrderInfo ⇒ WayOfDeliveryType ⇒ Name ← InvoiceOrder ⇒ DeliveryMethod ⇒ Description");
  t.equal(o.orderRemark, "Leave at the back door", "OrderInfo ⇒ OrderRemark ← InvoiceOrder ⇒ InvoiceTitle");
  t.equal(o.consignee.customerNumber, "3001", "Customer ⇒ CustomerNumber ← InvoiceOrder ⇒ CustomerId");
  t.equal(o.consignee.name, "Kari Nordmann", "Customer ⇒ Name ← InvoiceOrder ⇒ CustomerDeliveryName");
  t.equal(o.consignee.address1, "Lagerveien 5", "Customer ⇒ Address ← deliveryAddress ⇒ Street");
  t.equal(o.consignee.postCode, "5003", "Customer ⇒ PostCode ← deliveryAddress ⇒ PostalCode");
  t.equal(o.consignee.city, "Bergen", "Customer ⇒ City ← deliveryAddress ⇒ PostalArea");
  t.equal(o.consignee.countryCode, "NO", "Customer ⇒ CountryCode ← deliveryAddress ⇒ Country");
  t.equal(o.consignee.countryStateCode, "Vestland", "Customer ⇒ CountryStateCode ← deliveryAddress ⇒ State");
  t.equal(o.smsNotification?.value, "+4791234567", "Customer ⇒ MobilePhone ← InvoiceOrder ⇒ CustomerDeliveryPhone");
  t.equal(o.telephoneNotification?.value, "+4791234567", "Customer ⇒ TelePhone ← InvoiceOrder ⇒ CustomerDeliveryPhone");
  t.equal(o.emailNotification?.value, "invoice@fjord.example", "Customer ⇒ Email ← InvoiceOrder ⇒ InvoiceEmailAddress");
  t.equal(o.consignee.invoiceAddress?.name, "Fjord Retail AS", "Customer ⇒ InvoiceAddress ⇒ name ← InvoiceOrder ⇒ CustomerName");
  t.equal(o.consignee.invoiceAddress?.address1, "Postboks 12", "Customer ⇒ InvoiceAddress ⇒ Address ← invoiceAddress ⇒ Street");
  t.equal(o.consignee.invoiceAddress?.postCode, "0101", "Customer ⇒ InvoiceAddress ⇒ PostCode ← invoiceAddress ⇒ PostalCode");
  t.equal(o.consignee.invoiceAddress?.city, "Oslo", "Customer ⇒ InvoiceAddress ⇒ City ← invoiceAddress ⇒ PostalArea");
  t.equal(o.consignee.invoiceAddress?.countryCode, "NO", "Customer ⇒ InvoiceAddress ⇒ CountryCode ← invoiceAddress ⇒ Country");
  t.equal(o.consignee.invoiceAddress?.countryStateCode, "Oslo", "Customer ⇒ InvoiceAddress ⇒ CountryStateCode ← invoiceAddress ⇒ State");
  t.equal(line.articleNumber, "TS-100", "CustomerOrderLines ⇒ ProductCode ← InvoiceRow ⇒ ProductId (as the article's number)");
  t.equal(line.rowNumber, "1", "CustomerOrderLines ⇒ ExternalOrderLineCode ← InvoiceRow ⇒ RowId");
  t.equal(line.numberOfItems, 3, "CustomerOrderLines ⇒ NumberOfItems ← InvoiceRow ⇒ Quantity");
  t.equal(o.goodsOwnerId, GOODS_OWNER_ID, "goodsOwnerId is the integration's goods owner");
});

t.test("the whole body, nothing more", async (t) => {
  t.strictSame(mapped(order), {
    goodsOwnerId: GOODS_OWNER_ID,
    orderNumber: "10042",
    deliveryDate: "2025-03-14",
    referenceNumber: "PO-778",
    salesCode: "Ola",
    orderRemark: "Leave at the back door",
    wayOfDelivery: { code: "7", name: "Bring Pakke i postkassen" },
    advanced: { wayOfDeliveryString: "Bring Pakke i postkassen" },
    consignee: {
      customerNumber: "3001",
      name: "Kari Nordmann",
      address1: "Lagerveien 5",
      postCode: "5003",
      city: "Bergen",
      countryCode: "NO",
      countryStateCode: "Vestland",
      invoiceAddress: { name: "Fjord Retail AS", address1: "Postboks 12", postCode: "0101", city: "Oslo", countryCode: "NO", countryStateCode: "Oslo" },
    },
    smsNotification: { toBeNotified: false, value: "+4791234567" },
    telephoneNotification: { toBeNotified: false, value: "+4791234567" },
    emailNotification: { toBeNotified: false, value: "invoice@fjord.example" },
    orderLines: [
      { rowNumber: "1", articleNumber: "TS-100", numberOfItems: 3 },
      { rowNumber: "3", articleNumber: "CAP-1", numberOfItems: 1 },
    ],
  });
});

t.test("delivery date", async (t) => {
  t.equal(mapped({ ...order, DeliveryDate: undefined }).deliveryDate, "2025-03-10", "missing: the import day (default 0 days)");
  const inFive = mergeSettings(DEFAULT_SETTINGS, { defaultDeliveryDays: 5 });
  t.equal(mapped({ ...order, DeliveryDate: undefined }, { settings: inFive }).deliveryDate, "2025-03-15", "missing: import day + defaultDeliveryDays");
  t.equal(mapped({ ...order, DeliveryDate: new Date("invalid") }).deliveryDate, "2025-03-10", "an invalid date counts as missing");
  t.equal(mapped(order, { settings: inFive }).deliveryDate, "2025-03-14", "Finago's date wins over the default");
});

t.test("city: PostalArea, falling back to City", async (t) => {
  const delivery = { ...order.Addresses!.Delivery!, PostalArea: "" };
  const invoice = { ...order.Addresses!.Invoice!, PostalArea: undefined, City: "OSLO" };
  const o = mapped({ ...order, Addresses: { Delivery: delivery, Invoice: invoice } });
  t.equal(o.consignee.city, "BERGEN CITY", "delivery address");
  t.equal(o.consignee.invoiceAddress?.city, "OSLO", "invoice address");
});

t.test("consignee name falls back to the customer's name", async (t) => {
  t.equal(mapped({ ...order, CustomerDeliveryName: " " }).consignee.name, "Fjord Retail AS");
});

t.test("phone and e-mail fall back to the customer company", async (t) => {
  const customer: FinagoCompany = {
    Id: 3001,
    PhoneNumbers: { Home: { Value: "home" }, Mobile: { Value: "+47 mobile" }, Primary: { Value: "+47 primary" }, Work: { Value: "+47 work" } },
    EmailAddresses: {
      Home: { Value: "home@x" }, Invoice: { Value: "invoice@x" }, Primary: { Value: "primary@x" }, Work: { Value: "work@x" },
    },
  };
  const bare = { ...order, CustomerDeliveryPhone: "", InvoiceEmailAddress: undefined };
  const o = mapped(bare, { customer });
  t.equal(o.smsNotification?.value, "+47 mobile", "Customer ⇒ MobilePhone, empty on the order ← company Mobile");
  t.equal(o.telephoneNotification?.value, "+47 mobile", "Customer ⇒ TelePhone, empty on the order ← company Mobile");
  t.equal(o.emailNotification?.value, "invoice@x", "Customer ⇒ Email, empty on the order ← company Invoice e-mail");
  t.equal(mapped(order, { customer }).smsNotification?.value, "+4791234567", "the order's own phone wins");
  t.equal(mapped(order, { customer }).emailNotification?.value, "invoice@fjord.example", "the order's own e-mail wins");

  t.notOk("smsNotification" in mapped(bare) || "emailNotification" in mapped(bare), "no phone or e-mail anywhere: left out");

  t.equal(pickCustomerPhone(customer), "+47 mobile", "phones: Mobile first");
  t.equal(pickCustomerPhone({ Id: 1, PhoneNumbers: { Mobile: { Value: " " }, Primary: { Value: "p" }, Work: { Value: "w" } } }), "p", "then Primary");
  t.equal(pickCustomerPhone({ Id: 1, PhoneNumbers: { Home: { Value: "h" }, Work: { Value: "w" } } }), "w", "then Work; never Home");
  t.equal(pickCustomerPhone({ Id: 1, PhoneNumbers: { Home: { Value: "h" }, Fax: { Value: "f" } } }), undefined, "none of them");
  t.equal(pickCustomerPhone(undefined), undefined, "no company");

  t.equal(pickCustomerEmail(customer), "invoice@x", "e-mails: Invoice first");
  t.equal(pickCustomerEmail({ Id: 1, EmailAddresses: { Invoice: { Value: "" }, Primary: { Value: "p@x" }, Work: { Value: "w@x" } } }), "p@x", "then Primary");
  t.equal(pickCustomerEmail({ Id: 1, EmailAddresses: { Home: { Value: "h@x" }, Work: { Value: "w@x" } } }), "w@x", "then Work; never Home");
  t.equal(pickCustomerEmail({ Id: 1, EmailAddresses: { Alternative: { Value: "a@x" } } }), undefined, "none of them");
});

t.test("notifications: off by default, on when configured", async (t) => {
  const off = mapped(order);
  t.equal(off.smsNotification?.toBeNotified, false, "sms: contact travels, no message");
  t.equal(off.telephoneNotification?.toBeNotified, false, "telephone");
  t.equal(off.emailNotification?.toBeNotified, false, "e-mail");
  const on = mapped(order, { settings: mergeSettings(DEFAULT_SETTINGS, { consigneeNotifications: true }) });
  t.equal(on.smsNotification?.toBeNotified, true, "sms");
  t.equal(on.telephoneNotification?.toBeNotified, true, "telephone");
  t.equal(on.emailNotification?.toBeNotified, true, "e-mail");
});

t.test("absent values are left out", async (t) => {
  const o = mapped({ OrderId: 5, InvoiceRows: [{ RowId: 1, ProductId: 4711, Quantity: 1 }], ReferenceNumber: "", DeliveryMethod: {} });
  t.strictSame(o, {
    goodsOwnerId: GOODS_OWNER_ID,
    orderNumber: "5",
    deliveryDate: "2025-03-10",
    consignee: {},
    orderLines: [{ rowNumber: "1", articleNumber: "TS-100", numberOfItems: 1 }],
  });
  const nameOnly = mapped({ ...order, DeliveryMethod: { Description: "Pickup" } });
  t.notOk("wayOfDelivery" in nameOnly, "no delivery method id: no wayOfDelivery code to send");
  t.equal(nameOnly.advanced?.wayOfDeliveryString, "Pickup", "the description still travels");
  t.strictSame(mapped({ ...order, DeliveryMethod: { Id: 0 } }).wayOfDelivery, { code: "0" }, "an id without description");
});

t.test("lines", async (t) => {
  t.test("text rows and rows without a product are skipped", async (t) => {
    const o = mapped({
      ...order,
      InvoiceRows: [
        { RowId: 1, Type: "Text", Name: "Greetings" },
        { RowId: 2, Type: "TextBold", Name: "IMPORTANT", ProductId: 4711, Quantity: 1 },
        { RowId: 3, Type: "Normal", Name: "free text row without product" },
        { RowId: 4, ProductId: 4712, Quantity: 2 },
      ],
    });
    t.strictSame(o.orderLines, [{ rowNumber: "4", articleNumber: "CAP-1", numberOfItems: 2 }]);
  });

  t.test("rows without RowId get their 1-based position", async (t) => {
    const o = mapped({
      ...order,
      InvoiceRows: [{ Type: "Text", Name: "hello" }, { ProductId: 4711, Quantity: 1 }, { ProductId: 4712, Quantity: 2 }],
    });
    t.strictSame(o.orderLines.map((l) => l.rowNumber), ["2", "3"]);
  });

  t.test("two rows with one row number: refused before Ongoing refuses it", async (t) => {
    const reason = refusal({ ...order, InvoiceRows: [{ RowId: 2, ProductId: 4711, Quantity: 1 }, { ProductId: 4712, Quantity: 1 }] });
    t.match(reason, /row number 2/);
  });

  t.test("a row whose product cannot be resolved fails the order, naming row and product", async (t) => {
    const reason = refusal({ ...order, InvoiceRows: [...order.InvoiceRows, { RowId: 9, ProductId: 999, Quantity: 1 }] });
    t.match(reason, /row 9/);
    t.match(reason, /product 999/);
  });

  t.test("an order with no product rows left is refused", async (t) => {
    t.match(refusal({ ...order, InvoiceRows: [{ RowId: 1, Type: "Text", Name: "only text" }] }), /no rows with a product/);
    t.match(refusal({ ...order, InvoiceRows: [] }), /no rows with a product/);
  });

  t.test("quantities", async (t) => {
    t.match(refusal({ ...order, InvoiceRows: [{ RowId: 1, ProductId: 4711 }] }), /row 1 .*no quantity/);
    t.match(refusal({ ...order, InvoiceRows: [{ RowId: 1, ProductId: 4711, Quantity: -2 }] }), /negative quantity/);
    t.equal(mapped({ ...order, InvoiceRows: [{ RowId: 1, ProductId: 4711, Quantity: 2.5 }] }).orderLines[0].numberOfItems, 2.5, "decimals pass");
  });

  t.test("productIdsOfOrder: what the lines need, once each", async (t) => {
    t.strictSame(productIdsOfOrder(order), [4711, 4712]);
    t.strictSame(
      productIdsOfOrder({ InvoiceRows: [{ ProductId: 5 }, { Type: "Text", ProductId: 6 }, {}, { ProductId: 5 }, { ProductId: 2 }] }),
      [5, 2],
    );
  });
});

t.test("extra field mappings of scope order and orderLine", async (t) => {
  const settings = mergeSettings(DEFAULT_SETTINGS, {
    extraFieldMappings: [
      { source: "InvoiceRow.Price", target: "orderLine.prices.linePrice" },
      { source: "InvoiceOrder.Currency.Symbol", target: "orderLine.prices.currencyCode" },
      { source: "InvoiceOrder.Currency.Symbol", target: "order.customsInfo.customsValueCurrencyCode" },
      { source: "InvoiceRow.Name", target: "orderLine.comment" },
      { source: "Product.Price", target: "article.customerPrice" },
    ],
  });
  const o = mapped(order, { settings });
  t.equal(o.orderLines[0].prices?.linePrice, 199.5, "InvoiceRow.Price → orderLine.prices.linePrice");
  t.equal(o.orderLines[0].prices?.currencyCode, "NOK", "InvoiceOrder.Currency.Symbol → orderLine.prices.currencyCode");
  t.equal(o.customsInfo?.customsValueCurrencyCode, "NOK", "InvoiceOrder.Currency.Symbol → order.customsInfo.customsValueCurrencyCode");
  t.equal(o.orderLines[0].comment, "T-shirt", "InvoiceRow.Name → orderLine.comment");
  t.notOk("comment" in o.orderLines[1], "a row without a name gets no comment");
  t.notOk("customerPrice" in o, "mappings of other scopes do not touch orders");
});
