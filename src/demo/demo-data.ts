// What the demo seeds into the Finago sandbox: a small catalogue, two suppliers, two
// customers and confirmed orders, in Finago's own member names.
export const DEMO_SUPPLIERS = [
  { Id: 7001, Name: "Nordic Textiles AS", Type: "Supplier", Addresses: { Post: { Street: "Industriveien 4", PostalCode: "2010", City: "Strømmen", Country: "NO" } } },
  { Id: 7002, Name: "Baltic Gear OÜ", Type: "Supplier", Addresses: { Post: { Street: "Tööstuse 12", PostalCode: "10416", City: "Tallinn", Country: "EE" } } },
];

export const DEMO_CUSTOMERS = [
  {
    Id: 5001, Name: "Fjellsport AS", Type: "Business",
    PhoneNumbers: { Mobile: { Value: "+4791234567" } },
    EmailAddresses: { Invoice: { Value: "faktura@fjellsport.example" } },
  },
  { Id: 5002, Name: "Kari Nordmann", Type: "Consumer", PhoneNumbers: { Primary: { Value: "+4792345678" } } },
];

export const DEMO_PRODUCTS = [
  { Id: 101, No: "JACKET-RED-M", Name: "Shell jacket red M", Description: "Waterproof shell jacket", EAN1: "7071234000101", Weight: 0.65, Stock: 0, SupplierId: 7001 },
  { Id: 102, No: "JACKET-RED-L", Name: "Shell jacket red L", Description: "Waterproof shell jacket", EAN1: "7071234000102", Weight: 0.7, Stock: 0, SupplierId: 7001 },
  { Id: 103, No: "BEANIE-GREY", Name: "Wool beanie grey", Description: "Merino wool", EAN1: "7071234000103", Weight: 0.1, Stock: 0, SupplierId: 7002 },
  { Id: 104, No: "BOTTLE-1L", Name: "Steel bottle 1 l", EAN1: "7071234000104", Weight: 0.35, Stock: 0, SupplierId: 7002 },
];

/** Units the demo warehouse receives of each article, so there is stock to ship and to report. */
export const DEMO_RECEIVED_UNITS = 25;

const tomorrow = () => new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10) + "T00:00:00Z";

export function demoOrders() {
  return [
    {
      OrderId: 9001, CustomerId: 5001, OrderStatus: "Confirmed", CustomerName: "Fjellsport AS", CustomerDeliveryName: "Fjellsport Lager",
      CustomerDeliveryPhone: "+4791234567", InvoiceEmailAddress: "ordre@fjellsport.example",
      ReferenceNumber: "PO-4711", YourReference: "Ola Hansen", InvoiceTitle: "Spring restock", DeliveryDate: tomorrow(),
      DeliveryMethod: { Id: 3, Description: "Bring Pakke til bedrift" },
      Addresses: {
        Delivery: { Street: "Lagerveien 1", PostalCode: "0668", PostalArea: "OSLO", Country: "NO" },
        Invoice: { Street: "Postboks 12", PostalCode: "0101", PostalArea: "OSLO", Country: "NO" },
      },
      InvoiceRows: [
        { RowId: 1, ProductId: 101, Quantity: 3, Type: "Normal" },
        { RowId: 2, ProductId: 103, Quantity: 5, Type: "Normal" },
        { RowId: 3, Name: "Thank you for your order!", Type: "Text" },
      ],
    },
    {
      OrderId: 9002, CustomerId: 5002, OrderStatus: "Confirmed", CustomerName: "Kari Nordmann", CustomerDeliveryName: "Kari Nordmann",
      DeliveryMethod: { Id: 1, Description: "Posten Servicepakke" },
      Addresses: { Delivery: { Street: "Storgata 5", PostalCode: "7011", PostalArea: "TRONDHEIM", Country: "NO" } },
      InvoiceRows: [{ RowId: 1, ProductId: 104, Quantity: 1, Type: "Normal" }],
    },
    {
      OrderId: 9003, CustomerId: 5001, OrderStatus: "Confirmed", CustomerName: "Fjellsport AS", CustomerDeliveryName: "Fjellsport Bergen",
      CustomerDeliveryPhone: "+4755123456", InvoiceEmailAddress: "bergen@fjellsport.example", DeliveryDate: tomorrow(),
      Addresses: { Delivery: { Street: "Bryggen 3", PostalCode: "5003", PostalArea: "BERGEN", Country: "NO" } },
      InvoiceRows: [{ RowId: 1, ProductId: 102, Quantity: 2, Type: "Normal" }],
    },
  ];
}
